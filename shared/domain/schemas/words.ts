/**
 * The word lists the schemas pick from (schemas/common.ts), valibot-free so the statusline's
 * hand-checked cache reader (cache-fast.ts) uses the very same lists. Adding a word here adds it to the
 * type (SlotHealth, …), the schema and the hand-checked reader at once.
 */

export const SLOT_STATUSES = ['active', 'inactive'] as const;

export const SLOT_HEALTHS = [
  'ok',
  'stale',
  'token_expired',
  'rate_limited',
  'offline',
  'login_dead',
  'no_credentials',
  'disabled',
] as const;

/** The most important thing to show about a slot, most severe first (slot-state.ts decides it). */
export const SLOT_CONDITIONS = [
  'disabled',
  'login_dead',
  'no_credentials',
  'inactive',
  'rate_limited',
  'offline',
  'token_expired',
  'stale',
  'ok',
] as const;

export const TOKEN_REFRESH_MODES = ['delegate', 'locked', 'never'] as const;

export const DATA_SOURCES = ['endpoint', 'statusline'] as const;

export const ERROR_KINDS = [
  'offline', // network error, DNS, connection refused
  'timeout',
  'server_error', // 5xx
  'rate_limited', // 429
  'unauthorized', // 401 from usage: token expired or revoked
  'forbidden', // 403: missing scope (e.g. a setup-token)
  'bad_response', // garbage, HTML, unparseable JSON, unexpected shape
  'login_dead', // invalid_grant for the stored refresh token, or a logged-out stub
  'no_credentials',
  'credentials_unreadable', // broken JSON, locked keychain, keyring unavailable
  'config', // invalid_client, missing config dir, bad registry
  'refresh_failed', // token refresh failed transiently
  'storage', // could not write a file
] as const;

/** Why a window has no pace projection (schemas/pace.ts, domain/pace). */
export const PACE_UNKNOWN_REASONS = [
  'no_window',
  'no_reset_time',
  'reset_passed',
  'too_few_points',
  'too_short_span',
] as const;
