/**
 * What the statusline shows for a session, decided from the cache, the session's slot and the newest
 * statusline observation. Pure: `now` is an argument; formatting is format.ts's job.
 */

import { getConfigDirLabel } from '../config-dir';
import { getCachedPace } from '../pace/cached-pace';
import type { WindowPace } from '../pace/window-pace';
import {
  getSlotState,
  getSlotStateSettings,
  isCacheStale,
  isOlderThan,
  type SlotCondition,
} from '../slot-state';
import type { CacheFile, CacheSlot, DataSource, UsageWindow } from '../types';
import type { SlotAttribution } from './attribute-slot';
import type { Observation } from './observation';

/** A condition the line must make visible, most severe first. */
export type StatuslineState =
  | 'all_inactive'
  | 'login_dead'
  | 'no_credentials'
  | 'disabled'
  | 'inactive'
  | 'rate_limited'
  | 'offline'
  | 'unregistered'
  | 'no_cache';

export interface StatuslineView {
  slotId: string | null;
  label: string;
  email: string | null;
  state: StatuslineState | null;
  five_hour: UsageWindow | null;
  seven_day: UsageWindow | null;
  /** Where the shown numbers come from; null when there are none. */
  source: DataSource | null;
  /** When the shown numbers were current (epoch ms); null when there are none. */
  dataAt: number | null;
  /** The shown numbers are older than the threshold (either cache level, or the observation's age). */
  stale: boolean;
  /** An observation younger than the threshold supplies the numbers. */
  observationFresh: boolean;
  /** The engine's pace for the windows shown (null when there is none, or it is for another window). */
  pace: { five_hour: WindowPace | null; seven_day: WindowPace | null };
}

export interface StatuslineViewInput {
  cache: CacheFile | null;
  attribution: SlotAttribution;
  observation: Observation | null;
  now: number;
}

/** The session's slot entry, tolerating a cache whose entry is not an object. */
export function getCacheSlot(cache: CacheFile | null, slotId: string | null): CacheSlot | null {
  const s = slotId != null ? cache?.slots?.[slotId] : undefined;
  return s && typeof s === 'object' ? s : null;
}

/** Builds the view: newest numbers (cache or observation), their staleness, and the state to show. */
export function getStatuslineView(input: StatuslineViewInput): StatuslineView {
  const { cache, attribution, observation, now } = input;
  const slot = getCacheSlot(cache, attribution.slotId);
  const settings = getSlotStateSettings(cache);
  const threshold = settings.staleThresholdMs;
  const state = slot ? getSlotState(attribution.slotId ?? '', slot, now, settings) : null;
  const fetched = typeof slot?.last_fetched === 'number' ? slot.last_fetched : null;
  const useObservation = observation != null && (fetched == null || observation.observed_at >= fetched);
  const five_hour = (useObservation ? observation.five_hour : null) ?? asWindow(slot?.five_hour);
  const seven_day = (useObservation ? observation.seven_day : null) ?? asWindow(slot?.seven_day);
  const hasData = five_hour != null || seven_day != null;
  const dataAt = !hasData ? null : useObservation ? observation.observed_at : fetched;
  const observationFresh = useObservation && !isOlderThan(observation.observed_at, now, threshold);
  let stale = false;
  if (hasData) {
    stale = useObservation ? !observationFresh : isCacheStale(cache, now) || state?.stale === true;
  }
  const label = slot?.label || attribution.slotId || getConfigDirLabel(attribution.configDir ?? '');
  let pace: StatuslineView['pace'] | undefined;
  return {
    slotId: attribution.slotId,
    label,
    email: typeof slot?.email === 'string' ? slot.email : null,
    state: getState(cache, attribution.slotId, state?.condition ?? null, hasData),
    five_hour,
    seven_day,
    source: !hasData ? null : useObservation ? 'statusline' : (slot?.source ?? null),
    dataAt,
    stale,
    observationFresh,
    // Read only when a format asks for pace (the statusline runs on every update).
    get pace() {
      pace ??= {
        five_hour: getCachedPace(slot, 'five_hour', five_hour, now),
        seven_day: getCachedPace(slot, 'seven_day', seven_day, now),
      };
      return pace;
    },
  };
}

/** The condition the line must show: every slot verdict comes from the shared slot state. */
const SHOWN: Partial<Record<SlotCondition, StatuslineState>> = {
  login_dead: 'login_dead',
  no_credentials: 'no_credentials',
  disabled: 'disabled',
  inactive: 'inactive',
  rate_limited: 'rate_limited',
  offline: 'offline',
};

function getState(
  cache: CacheFile | null,
  slotId: string | null,
  condition: SlotCondition | null,
  hasData: boolean,
): StatuslineState | null {
  if (cache?.all_inactive === true) return 'all_inactive';
  if (!cache) return hasData ? null : 'no_cache';
  if (!condition) return slotId == null ? 'unregistered' : hasData ? null : 'no_cache';
  return SHOWN[condition] ?? null;
}

function asWindow(w: unknown): UsageWindow | null {
  if (!w || typeof w !== 'object') return null;
  const { utilization, resets_at } = w as Record<string, unknown>;
  if (typeof utilization !== 'number' || !Number.isFinite(utilization)) return null;
  return { utilization, resets_at: typeof resets_at === 'string' ? resets_at : null };
}
