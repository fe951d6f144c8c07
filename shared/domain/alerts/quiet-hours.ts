/** Quiet hours in local wall-clock time. Pure: the time zone is an argument. */
import type { QuietHours } from './settings';

/** Minutes after midnight of `now` in `timeZone` (an IANA zone such as `Europe/Berlin` or `UTC`). */
export function getLocalMinutes(now: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/**
 * True when `now` falls inside the quiet hours. The range is start-inclusive, end-exclusive and may
 * wrap midnight (22:00–08:00). `localZone` is used unless the quiet hours name their own zone.
 */
export function isQuietTime(now: number, quiet: QuietHours | null, localZone: string): boolean {
  if (!quiet) return false;
  const m = getLocalMinutes(now, quiet.time_zone ?? localZone);
  return quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
}
