/**
 * Pace: where a utilisation window is heading, from the recorded history (docs/statusline.md "Pace").
 * For each window, the utilisation projected at its reset and, when that crosses 100 %, the moment it
 * runs out. Pure: `now` is an argument; the history comes in as data.
 *
 * The rules, in order (each one that fails says why instead of guessing):
 * 1. No window, no reset time, or a reset already past → nothing to project.
 * 2. Only points of the current window count: taken at or after `resets_at − window length`, and after
 *    the last drop in utilisation (utilisation never falls inside a window, so a drop is a reset that
 *    the series crossed). Points from before a reset say nothing about this window.
 * 3. At least PACE_MIN_POINTS of them, spanning at least PACE_MIN_SPAN_MS of the window; fewer is
 *    "too little history".
 * 4. The rate is the average since the first counted point: (last − first) / (time between them),
 *    never negative. Projected at reset: last + rate × (reset − last point's time).
 * 5. Runs out: when the last point is already at 100 %, the first point that reached it; else, with a
 *    positive rate, the moment the line reaches 100 % if that is before the reset.
 */
import { HOUR_MS, MINUTE_MS } from '../format/duration';
import type { HistoryPoint, UsageWindow } from '../types';

export type PaceWindowName = 'five_hour' | 'seven_day';
export const PACE_WINDOWS: readonly PaceWindowName[] = ['five_hour', 'seven_day'];

/** How long each window lasts: its start is `resets_at` minus this. */
export const WINDOW_LENGTH_MS: Record<PaceWindowName, number> = {
  five_hour: 5 * HOUR_MS,
  seven_day: 7 * 24 * HOUR_MS,
};
/** Fewer points than this in the current window is too little history. */
export const PACE_MIN_POINTS = 3;
/** The counted points must cover at least this much of the window. */
export const PACE_MIN_SPAN_MS: Record<PaceWindowName, number> = {
  five_hour: 30 * MINUTE_MS,
  seven_day: 6 * HOUR_MS,
};
/** A fall larger than this (percentage points) between two points is a reset, not noise. */
export const RESET_DROP_POINTS = 2;
/** Points this much before the computed window start still count (reset times carry jitter). */
const WINDOW_START_TOLERANCE_MS = 5 * MINUTE_MS;

/** Why there is no projection. */
export type PaceUnknownReason =
  | 'no_window'
  | 'no_reset_time'
  | 'reset_passed'
  | 'too_few_points'
  | 'too_short_span';

/** A window's pace as the cache stores it (`slots.<id>.pace.<window>`); times are epoch ms. */
export type WindowPace =
  | {
      status: 'projected';
      /** Utilisation projected at the reset (may exceed 100), one decimal. */
      at_reset: number;
      /** When it reaches 100 % before the reset (in the past when already out), else null. */
      runs_out_at: number | null;
      /** The window's reset, as in the window itself (ISO). */
      resets_at: string;
      /** Percentage points per hour, one decimal. */
      rate_per_hour: number;
      /** How many points were used, and the times of the first and last. */
      points: number;
      from: number;
      to: number;
    }
  | {
      status: 'unknown';
      reason: PaceUnknownReason;
      /** Points of the current window found (for "collecting history: 2 of 3"). */
      points: number;
      resets_at: string | null;
    };

export type SlotPace = Record<PaceWindowName, WindowPace>;

interface Sample {
  t: number;
  v: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The current window's samples: within the window, after the last reset the series crossed. */
function getCurrentSamples(samples: Sample[], windowStart: number, reset: number): Sample[] {
  const inWindow = samples.filter((s) => s.t >= windowStart - WINDOW_START_TOLERANCE_MS && s.t <= reset);
  let start = 0;
  for (let i = 1; i < inWindow.length; i++) {
    if (inWindow[i].v < inWindow[i - 1].v - RESET_DROP_POINTS) start = i;
  }
  return inWindow.slice(start);
}

/**
 * One window's pace from its samples (history points plus, optionally, the current reading).
 * `window` is the current window as the cache holds it; `now` decides whether its reset has passed.
 */
export function getWindowPace(
  name: PaceWindowName,
  window: UsageWindow | null | undefined,
  history: readonly HistoryPoint[],
  now: number,
): WindowPace {
  const resetsAt = typeof window?.resets_at === 'string' ? window.resets_at : null;
  const unknown = (reason: PaceUnknownReason, points = 0): WindowPace => ({
    status: 'unknown',
    reason,
    points,
    resets_at: resetsAt,
  });
  if (!window || !Number.isFinite(window.utilization)) return unknown('no_window');
  const reset = resetsAt ? Date.parse(resetsAt) : Number.NaN;
  if (Number.isNaN(reset)) return unknown('no_reset_time');
  if (reset <= now) return unknown('reset_passed');

  const byTime = new Map<number, number>();
  for (const p of history) {
    const v = p[name];
    if (typeof v === 'number' && Number.isFinite(v) && Number.isFinite(p.t) && p.t <= now) byTime.set(p.t, v);
  }
  const all = [...byTime].map(([t, v]) => ({ t, v })).sort((a, b) => a.t - b.t);
  const samples = getCurrentSamples(all, reset - WINDOW_LENGTH_MS[name], reset);
  if (samples.length < PACE_MIN_POINTS) return unknown('too_few_points', samples.length);
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (last.t - first.t < PACE_MIN_SPAN_MS[name]) return unknown('too_short_span', samples.length);

  const ratePerMs = Math.max(0, (last.v - first.v) / (last.t - first.t));
  const atReset = last.v + ratePerMs * (reset - last.t);
  let runsOutAt: number | null = null;
  if (last.v >= 100) runsOutAt = samples.find((s) => s.v >= 100)?.t ?? last.t;
  else if (ratePerMs > 0) {
    const t = last.t + (100 - last.v) / ratePerMs;
    if (t < reset) runsOutAt = Math.round(t);
  }
  return {
    status: 'projected',
    at_reset: round1(atReset),
    runs_out_at: runsOutAt,
    resets_at: resetsAt as string,
    rate_per_hour: round1(ratePerMs * HOUR_MS),
    points: samples.length,
    from: first.t,
    to: last.t,
  };
}

/** The reading a cache entry holds now, as a history point (so a cycle's own fetch counts at once). */
export function getCurrentPoint(slot: {
  last_fetched?: number | null;
  five_hour?: UsageWindow | null;
  seven_day?: UsageWindow | null;
}): HistoryPoint | null {
  if (typeof slot.last_fetched !== 'number') return null;
  return {
    t: slot.last_fetched,
    five_hour: slot.five_hour?.utilization ?? null,
    seven_day: slot.seven_day?.utilization ?? null,
  };
}

/**
 * Both windows' pace for a slot: its history (any order; duplicates by time collapse) plus its current
 * reading, judged at `now`.
 */
export function getSlotPace(
  slot: { last_fetched?: number | null; five_hour?: UsageWindow | null; seven_day?: UsageWindow | null },
  history: readonly HistoryPoint[],
  now: number,
): SlotPace {
  const current = getCurrentPoint(slot);
  const points = current ? [...history, current] : history;
  return {
    five_hour: getWindowPace('five_hour', slot.five_hour, points, now),
    seven_day: getWindowPace('seven_day', slot.seven_day, points, now),
  };
}

/** True when the pace projects the window to run out before its reset (or it already has). */
export function isRunningOut(pace: WindowPace | null | undefined): boolean {
  return pace?.status === 'projected' && pace.runs_out_at !== null;
}
