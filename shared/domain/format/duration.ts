/** Compact and spoken durations for ages and countdowns. Pure: every `now` is an argument. */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Splits a non-negative duration into its largest unit: `{ value: 4, unit: 'm' }`. */
function largestUnit(ms: number): { value: number; unit: 's' | 'm' | 'h' | 'd' } {
  const abs = Math.max(0, ms);
  if (abs < MINUTE_MS) return { value: Math.floor(abs / SECOND_MS), unit: 's' };
  if (abs < HOUR_MS) return { value: Math.floor(abs / MINUTE_MS), unit: 'm' };
  if (abs < DAY_MS) return { value: Math.floor(abs / HOUR_MS), unit: 'h' };
  return { value: Math.floor(abs / DAY_MS), unit: 'd' };
}

/** A compact age in its largest unit: `45s`, `4m`, `11h`, `2d`. Negative ages (clock skew) read as `0s`. */
export function formatAge(ms: number): string {
  const { value, unit } = largestUnit(ms);
  return `${value}${unit}`;
}

/** A spaced relative age for sentences: `20 s ago`, `3 m ago`, `just now` under 5 s. */
export function formatAgo(ms: number): string {
  if (ms < 5 * SECOND_MS) return 'just now';
  const { value, unit } = largestUnit(ms);
  return `${value} ${unit} ago`;
}

/**
 * Time left until a moment, with two units where it helps: `3d 4h`, `2h 13m`, `45m`, `<1m`;
 * `now` when the moment has passed.
 */
export function formatCountdown(ms: number): string {
  if (ms <= 0) return 'now';
  if (ms < MINUTE_MS) return '<1m';
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

/** Parses an ISO `resets_at`; null for null or an unparseable string. */
export function parseIsoMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
