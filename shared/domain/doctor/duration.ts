/** Durations in the doctor's sentences: the compact age (`45s`, `4m`, `11h`, `3d`) the CLI and UI show. */
import { formatAge } from '../format/duration';

/** A non-negative duration as its largest whole unit. */
export const formatDuration = formatAge;

/** `4m ago` for a past time, `in 4m` for a future one. */
export function formatRelative(at: number, now: number): string {
  return at <= now ? `${formatDuration(now - at)} ago` : `in ${formatDuration(at - now)}`;
}

/** Log errors younger than this are shown. */
export const RECENT_LOG_ERROR_MS = 24 * 3_600_000;
