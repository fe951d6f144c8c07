/**
 * Schemas of the values that several files share: the word lists (status, health, error kinds) and the
 * usage pieces (a window, a per-model limit, extra usage, a recorded error). Types are inferred from them
 * in domain/types.ts.
 */
import * as v from 'valibot';
import { FiniteNumberSchema, orNull, TimeSchema } from './fields';

/** Persisted in the registry. */
export const SlotStatusSchema = v.picklist(['active', 'inactive']);

/** Computed on every cycle (docs/schemas.md lists what each means). */
export const SlotHealthSchema = v.picklist([
  'ok',
  'stale',
  'token_expired',
  'rate_limited',
  'offline',
  'login_dead',
  'no_credentials',
  'disabled',
]);

export const TokenRefreshModeSchema = v.picklist(['delegate', 'locked', 'never']);

/** Where the numbers in the cache came from. */
export const DataSourceSchema = v.picklist(['endpoint', 'statusline']);

/** Failure classes; every failure the engine records carries one. */
export const ErrorKindSchema = v.picklist([
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
]);

export const SlotErrorSchema = v.object({
  kind: ErrorKindSchema,
  /** A sentence a person can act on. Never contains a token. */
  message: v.string(),
  at: TimeSchema,
});

/** One utilisation window as the cache stores it; `resets_at` reads as null when it is not a string. */
export const UsageWindowSchema = v.object({
  /** 0–100. */
  utilization: FiniteNumberSchema,
  /** ISO-8601 string, or null when the API gives none. */
  resets_at: orNull(v.string()),
});

export const ModelWeeklyLimitSchema = v.object({
  model: v.string(),
  utilization: FiniteNumberSchema,
  resets_at: orNull(v.string()),
});

export const ExtraUsageSchema = v.object({
  is_enabled: v.boolean(),
  /** Minor units (cents), as the API gives them. */
  used: orNull(FiniteNumberSchema),
  limit: orNull(FiniteNumberSchema),
  currency: orNull(v.string()),
});
