/**
 * Durations with one home. The first group are Claude Code's own numbers (docs/claude-code.md): the broker
 * must use exactly these to live beside it. The second group are the broker's choices.
 */

/** Claude Code treats an access token as expired this long before `expiresAt`. */
export const ACCESS_EXPIRY_MARGIN_MS = 5 * 60_000;
/** Claude Code's refresh locks (`.oauth_refresh.lock`, `<dir>.lock`) count as stale after this. */
export const REFRESH_LOCK_STALE_MS = 60_000;
/** Claude Code's storage-write lock (`.storage-write.lock`) counts as stale after this. */
export const STORAGE_LOCK_STALE_MS = 15_000;
/** How often a holder of Claude Code's locks touches them (proper-lockfile `update`). */
export const LOCK_UPDATE_MS = 5_000;

/** The broker lock's holder refreshes it every 10 s; after this long untouched, its holder is gone. */
export const BROKER_LOCK_STALE_MS = 30_000;
/** A re-login (`claude auth login`) that has not finished in this long is cancelled. */
export const RELOGIN_TIMEOUT_MS = 5 * 60_000;
