/** Durations in the doctor's sentences: `45s`, `4m`, `11h`, `3d` (the CLI's formatAge, kept pure here). */

/** A non-negative duration as its largest whole unit. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/** `4m ago` for a past time, `in 4m` for a future one. */
export function formatRelative(at: number, now: number): string {
  return at <= now ? `${formatDuration(now - at)} ago` : `in ${formatDuration(at - now)}`;
}

/** Claude Code treats an access token as expired 5 minutes before `expiresAt` (interop doc). */
export const ACCESS_EXPIRY_MARGIN_MS = 5 * 60_000;
/** A login expiring within this long deserves a re-login soon (product.md §7). */
export const LOGIN_EXPIRY_WARN_MS = 3 * 86_400_000;
/** Log errors younger than this are shown. */
export const RECENT_LOG_ERROR_MS = 24 * 3_600_000;
