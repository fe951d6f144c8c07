/**
 * Statusline observations: the `rate_limits` Claude Code passes on the statusline's stdin, recorded
 * per slot so the engine can skip the usage endpoint while they are fresh (docs/contracts.md "Polling and budget", docs/statusline.md). Pure.
 */
import type * as v from 'valibot';
import type { ObservationSchema } from '../schemas/observation';
import type { UsageWindow } from '../types';
import { readStatuslineStdin, type StatuslineStdin, type StdinWindow } from './stdin';

export const OBSERVATION_VERSION = 1 as const;

/** Two `resets_at` this close belong to the same window (they are fixed per window; this absorbs jitter). */
export const SAME_WINDOW_TOLERANCE_MS = 5 * 60_000;

/** The content of `<stateDir>/observations/<key>.json` (schemas/observation.ts documents each field). */
export type Observation = v.InferOutput<typeof ObservationSchema>;

/** The windows read from one statusline stdin. */
export interface ObservedWindows {
  five_hour: UsageWindow | null;
  seven_day: UsageWindow | null;
}

/**
 * Reads `rate_limits` from a parsed statusline stdin (see stdin.ts). `resets_at` is epoch seconds there
 * and becomes an ISO string (the cache's form). A window whose reset is already past at `now` describes
 * a window that is over, so it is dropped. Null when there is no usable window.
 */
export function getObservedWindows(stdin: unknown, now: number): ObservedWindows | null {
  return getRateLimitWindows(readStatuslineStdin(stdin).rate_limits, now);
}

/** {@link getObservedWindows} for the `rate_limits` the stdin reader already read. */
export function getRateLimitWindows(
  limits: StatuslineStdin['rate_limits'],
  now: number,
): ObservedWindows | null {
  if (!limits) return null;
  const five_hour = toWindow(limits.five_hour, now);
  const seven_day = toWindow(limits.seven_day, now);
  return five_hour || seven_day ? { five_hour, seven_day } : null;
}

function toWindow(raw: StdinWindow | null, now: number): UsageWindow | null {
  if (!raw) return null;
  const { used_percentage: utilization, resets_at } = raw;
  if (resets_at === null) return { utilization, resets_at: null };
  // Documented as epoch seconds; a value in milliseconds is accepted rather than misread as year 50000.
  const ms = resets_at > 1e11 ? resets_at : resets_at * 1000;
  if (ms <= now) return null;
  return { utilization, resets_at: new Date(ms).toISOString() };
}

/**
 * True when `incoming` says something newer than `previous`: a later window, or the same window with
 * higher utilisation (utilisation never falls within a window, so a lower number is an older report,
 * e.g. from an idle session replaying its last API answer).
 */
export function isNewerWindow(incoming: UsageWindow | null, previous: UsageWindow | null): boolean {
  if (!incoming) return false;
  if (!previous) return true;
  const a = incoming.resets_at ? Date.parse(incoming.resets_at) : Number.NaN;
  const b = previous.resets_at ? Date.parse(previous.resets_at) : Number.NaN;
  if (Number.isNaN(a) !== Number.isNaN(b)) return true;
  if (!Number.isNaN(a) && Math.abs(a - b) > SAME_WINDOW_TOLERANCE_MS) return a > b;
  return incoming.utilization > previous.utilization;
}

/** Where an observation comes from and what it says. */
export interface ObservationInput {
  slot: string | null;
  config_dir: string | null;
  session_id: string | null;
  windows: ObservedWindows;
}

/**
 * Merges a stdin observation into the stored one. Each window keeps the newer report; a stored window
 * whose reset has passed is dropped. `changed` is false when the stdin said nothing new, and then the
 * stored observation (with its original `observed_at`) is returned so repeated numbers age honestly.
 */
export function mergeObservation(
  previous: Observation | null,
  input: ObservationInput,
  now: number,
): { observation: Observation; changed: boolean } {
  const prev = previous ? dropEndedWindows(previous, now) : null;
  const fiveNewer = isNewerWindow(input.windows.five_hour, prev?.five_hour ?? null);
  const sevenNewer = isNewerWindow(input.windows.seven_day, prev?.seven_day ?? null);
  if (prev && !fiveNewer && !sevenNewer) return { observation: prev, changed: false };
  return {
    changed: true,
    observation: {
      version: OBSERVATION_VERSION,
      slot: input.slot,
      config_dir: input.config_dir,
      observed_at: now,
      session_id: input.session_id,
      five_hour: fiveNewer ? input.windows.five_hour : (prev?.five_hour ?? null),
      seven_day: sevenNewer ? input.windows.seven_day : (prev?.seven_day ?? null),
    },
  };
}

function dropEndedWindows(o: Observation, now: number): Observation {
  const ended = (w: UsageWindow | null) => w?.resets_at != null && Date.parse(w.resets_at) <= now;
  if (!ended(o.five_hour) && !ended(o.seven_day)) return o;
  return {
    ...o,
    five_hour: ended(o.five_hour) ? null : o.five_hour,
    seven_day: ended(o.seven_day) ? null : o.seven_day,
  };
}

/**
 * Validates the JSON of an observation file; anything malformed is null (treated as absent). The
 * observation schema (schemas/observation.ts) checked by hand: this runs on the statusline's hot path,
 * and test/domain/schemas/observation.test.ts holds it to the schema.
 */
export function parseObservation(text: string): Observation | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (o.version !== OBSERVATION_VERSION || typeof o.observed_at !== 'number') return null;
  const five = parseWindow(o.five_hour);
  const seven = parseWindow(o.seven_day);
  if (five === undefined || seven === undefined) return null;
  return {
    version: OBSERVATION_VERSION,
    slot: typeof o.slot === 'string' ? o.slot : null,
    config_dir: typeof o.config_dir === 'string' ? o.config_dir : null,
    observed_at: o.observed_at,
    session_id: typeof o.session_id === 'string' ? o.session_id : null,
    five_hour: five,
    seven_day: seven,
  };
}

function parseWindow(raw: unknown): UsageWindow | null | undefined {
  if (raw == null) return null;
  if (typeof raw !== 'object') return undefined;
  const { utilization, resets_at } = raw as Record<string, unknown>;
  if (typeof utilization !== 'number' || !Number.isFinite(utilization)) return undefined;
  if (resets_at != null && typeof resets_at !== 'string') return undefined;
  return { utilization, resets_at: resets_at ?? null };
}
