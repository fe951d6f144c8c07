/**
 * Polling budget decisions (docs/contracts.md "Polling and budget"): when a slot is due, back-off after a 429 or a network failure,
 * and the trailing-hour request count. Pure: `now` and randomness are arguments.
 */
import type * as v from 'valibot';
import type { BackoffStateSchema } from './schemas/engine-state';

export const HOUR_MS = 3_600_000;
/** Minimum wait after a 429, whatever Retry-After says (`retry-after: 0` does not mean "retry now"). */
export const RATE_LIMIT_MIN_BACKOFF_MS = 300_000;
export const RATE_LIMIT_MAX_BACKOFF_MS = 1_800_000;
export const BACKOFF_GROWTH = 1.5;
/** First retry after a network failure, doubling per repeat up to the refresh interval. */
export const OFFLINE_FIRST_RETRY_MS = 60_000;
/** ±10 % jitter on the refresh interval. */
export const JITTER_FRACTION = 0.1;

/** A 429 back-off as engine-state.json keeps it (schemas/engine-state.ts documents each field). */
export type BackoffState = v.InferOutput<typeof BackoffStateSchema>;

/** The wait after a 429: max(Retry-After, 300 s), ×1.5 per repeat, at most 30 min. */
export function nextRateLimitBackoff(
  previous: BackoffState | null,
  retryAfterS: number | null,
  now: number,
): BackoffState {
  const fromHeader = Math.max(0, (retryAfterS ?? 0) * 1000);
  const base = Math.max(fromHeader, RATE_LIMIT_MIN_BACKOFF_MS);
  const grown = previous ? Math.max(base, previous.last_delay_ms * BACKOFF_GROWTH) : base;
  const delay = Math.min(grown, Math.max(RATE_LIMIT_MAX_BACKOFF_MS, fromHeader));
  return { until: now + delay, streak: (previous?.streak ?? 0) + 1, last_delay_ms: delay };
}

/** Whether a 429 back-off still forbids calls. A clock that jumped backwards cannot extend it past its length. */
export function isBackingOff(backoff: BackoffState | null | undefined, now: number): boolean {
  if (!backoff) return false;
  return now < backoff.until && backoff.until - now <= backoff.last_delay_ms;
}

/** The next due time after a successful (or skipped) call: interval ±10 % jitter. `random` is in [0, 1). */
export function nextDueAfterSuccess(now: number, intervalS: number, random: number): number {
  const interval = intervalS * 1000;
  const jitter = (random * 2 - 1) * JITTER_FRACTION * interval;
  return now + Math.round(interval + jitter);
}

/** The next due time after a network failure: 60 s doubling per consecutive failure, capped at the interval. */
export function nextDueAfterFailure(now: number, intervalS: number, failureStreak: number): number {
  const delay = Math.min(OFFLINE_FIRST_RETRY_MS * 2 ** Math.max(0, failureStreak - 1), intervalS * 1000);
  return now + delay;
}

/**
 * Whether a scheduled call is due. A due time far in the future (a clock that jumped backwards)
 * counts as due once it is more than one interval ahead, so the schedule cannot freeze.
 */
export function isDue(nextDueAt: number | null | undefined, now: number, intervalS: number): boolean {
  if (nextDueAt == null) return true;
  if (nextDueAt - now > intervalS * 1000 * (1 + JITTER_FRACTION) + 1000) return true;
  return now >= nextDueAt;
}

/** Request timestamps within the trailing hour (also drops timestamps from the future after a clock jump). */
export function trimRequests(requests: readonly number[], now: number): number[] {
  return requests.filter((t) => t > now - HOUR_MS && t <= now + 60_000);
}

/** Whether one more usage call fits the per-slot hourly budget. */
export function hasBudget(requests: readonly number[], now: number, maxPerHour: number): boolean {
  return trimRequests(requests, now).length < maxPerHour;
}
