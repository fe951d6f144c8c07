/**
 * Schemas of the values that several files share: the word lists (status, health, error kinds) and the
 * usage pieces (a window, a per-model limit, extra usage, a recorded error). Types are inferred from them
 * in domain/types.ts.
 */
import * as v from 'valibot';
import { FiniteNumberSchema, orNull, TimeSchema } from './fields';
import { DATA_SOURCES, ERROR_KINDS, SLOT_HEALTHS, SLOT_STATUSES, TOKEN_REFRESH_MODES } from './words';

/** Persisted in the registry. */
export const SlotStatusSchema = v.picklist(SLOT_STATUSES);

/** Computed on every cycle (docs/schemas.md). */
export const SlotHealthSchema = v.picklist(SLOT_HEALTHS);

export const TokenRefreshModeSchema = v.picklist(TOKEN_REFRESH_MODES);

/** Where the numbers in the cache came from. */
export const DataSourceSchema = v.picklist(DATA_SOURCES);

/** Failure classes; every failure the engine records carries one (words.ts says what each means). */
export const ErrorKindSchema = v.picklist(ERROR_KINDS);

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
