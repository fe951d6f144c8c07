/**
 * What the tray shows for a cache: the icon state and the glance title (`42%·3h`). Pure: `now` is an
 * argument. Electron-free, so the same decisions could serve another tray host.
 */
import { formatPercent } from '../shared/domain/format/percent';
import { getCachedPace } from '../shared/domain/pace/cached-pace';
import { getPaceShort, getPressingPaceWindow } from '../shared/domain/pace/pace-text';
import { getSlotState, getSlotStateSettings, getSlotStates, isCacheStale } from '../shared/domain/slot-state';
import type { CacheFile, CacheSlot } from '../shared/domain/types';

/** Worst first: the icon shows the most urgent state. */
export type TrayIconState = 'inactive' | 'relogin' | 'stale' | 'ok';

/** Which slot the glance title follows; `off` shows no title. */
export type GlanceMode = 'recommended' | 'in_use' | 'off';
export const GLANCE_MODES: readonly GlanceMode[] = ['recommended', 'in_use', 'off'];
export const DEFAULT_GLANCE_MODE: GlanceMode = 'recommended';

/** What the glance title says about that slot: its 5-hour usage now, or where a window is heading. */
export type GlanceForm = 'usage' | 'pace';
export const GLANCE_FORMS: readonly GlanceForm[] = ['usage', 'pace'];
export const DEFAULT_GLANCE_FORM: GlanceForm = 'usage';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** A statusline observation younger than this means a Claude Code session is using that slot now. */
export const IN_USE_WINDOW_MS = 10 * MINUTE_MS;

/** The tray icon's state: all inactive > a login to repair > stale numbers > ok (shared slot state). */
export function getTrayIconState(cache: CacheFile | null, now: number): TrayIconState {
  if (cache?.all_inactive) return 'inactive';
  const states = cache ? getSlotStates(cache, now).map(([, s]) => s) : [];
  if (states.some((s) => s.needsLogin)) return 'relogin';
  if (isCacheStale(cache, now)) return 'stale';
  if (states.some((s) => s.stale)) return 'stale';
  return 'ok';
}

/** The icon file stem for a state; macOS tints files whose name ends in `Template`. */
export function getTrayIconName(state: TrayIconState): string {
  return state === 'ok' ? 'iconTemplate' : `icon-${state}Template`;
}

/** The slot a running Claude Code session reported last (statusline observation), if recent. */
export function getInUseSlot(cache: CacheFile, now: number): string | null {
  let best: [string, number] | null = null;
  for (const [id, s] of Object.entries(cache.slots)) {
    if (s.source !== 'statusline' || s.last_fetched == null || now - s.last_fetched > IN_USE_WINDOW_MS)
      continue;
    if (!best || s.last_fetched > best[1]) best = [id, s.last_fetched];
  }
  return best?.[0] ?? null;
}

function formatUntil(resetsAt: string | null, now: number): string | null {
  const reset = resetsAt ? Date.parse(resetsAt) : Number.NaN;
  if (Number.isNaN(reset) || reset <= now) return null;
  const left = reset - now;
  return left >= HOUR_MS ? `${Math.floor(left / HOUR_MS)}h` : `${Math.floor(left / MINUTE_MS)}m`;
}

const PACE_LABEL = { five_hour: '5h', seven_day: 'wk' } as const;

/**
 * The pace form of the title (docs/statusline.md "Pace"): the window that runs out first (`5h out~14:20`),
 * else the weekly projection (`wk→64%`, `wk→…` while collecting history); null when the cache holds no
 * pace for the slot (an older writer, or no window), so the caller can fall back to the usage form.
 */
export function getPaceGlance(slot: CacheSlot, now: number, timeZone?: string): string | null {
  const pace = {
    five_hour: getCachedPace(slot, 'five_hour', slot.five_hour ?? null, now),
    seven_day: getCachedPace(slot, 'seven_day', slot.seven_day ?? null, now),
  };
  const name = getPressingPaceWindow(pace, now);
  const short = getPaceShort(pace[name], now, timeZone);
  if (!short) return null;
  return `${PACE_LABEL[name]}${short.startsWith('→') ? '' : ' '}${short}`;
}

/**
 * The menu-bar title for the followed slot. Usage form: its 5-hour utilisation and time to the reset
 * (`42%·3h`); pace form: {@link getPaceGlance} (the usage form when there is no pace). `!` is appended when
 * that slot's numbers are stale; `✕` when every slot is inactive; empty when off or nothing is known.
 */
export function getGlanceTitle(
  cache: CacheFile | null,
  now: number,
  mode: GlanceMode,
  form: GlanceForm = DEFAULT_GLANCE_FORM,
): string {
  if (mode === 'off' || !cache) return '';
  if (cache.all_inactive) return '✕';
  const id = (mode === 'in_use' ? getInUseSlot(cache, now) : null) ?? cache.recommended;
  const slot = id ? cache.slots[id] : undefined;
  if (!id || !slot) return '';
  const stale = getSlotState(id, slot, now, getSlotStateSettings(cache)).stale ? '!' : '';
  const pace = form === 'pace' ? getPaceGlance(slot, now) : null;
  if (pace) return `${pace}${stale}`;
  const window = slot.five_hour;
  if (!window || !Number.isFinite(window.utilization)) return '';
  const until = formatUntil(window.resets_at, now);
  return `${formatPercent(window.utilization)}${until ? `·${until}` : ''}${stale}`;
}

/** One tooltip line per slot: `slot-1 (Work): 42% · ok`. */
export function getTrayTooltip(cache: CacheFile | null): string {
  if (!cache) return 'Quota Broker — no data yet';
  const lines = Object.entries(cache.slots).map(([id, s]) => {
    const name = s.label ? `${id} (${s.label})` : id;
    const pct = formatPercent(s.five_hour?.utilization);
    return `${name}: ${pct} · ${s.health ?? 'health unknown'}`;
  });
  return ['Quota Broker', ...lines].join('\n');
}

/** Reads a registry setting value as a glance form, defaulting anything unknown. */
export function parseGlanceForm(value: unknown): GlanceForm {
  return GLANCE_FORMS.includes(value as GlanceForm) ? (value as GlanceForm) : DEFAULT_GLANCE_FORM;
}

/** Reads a registry setting value as a glance mode, defaulting anything unknown. */
export function parseGlanceMode(value: unknown): GlanceMode {
  return GLANCE_MODES.includes(value as GlanceMode) ? (value as GlanceMode) : DEFAULT_GLANCE_MODE;
}
