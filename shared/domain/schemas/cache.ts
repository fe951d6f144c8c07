/**
 * `merged-quota-cache.json` (docs/schemas.md): the one schema every reader of the cache goes through.
 *
 * Tolerant by design: other programs read and older versions wrote this file. A field that is missing or
 * malformed reads as null (unknown), a list keeps its good items, a slot entry that is not an object is
 * left out, and unknown fields are ignored. So a cache in the old writer's shape (`ts` and
 * `slots.<id>.{email,status,last_fetched,five_hour,seven_day}` only) is read with everything else unknown.
 * Only a file that is not an object with a `slots` map is "not a cache".
 *
 * The entries are listed in the order the engine writes them (engine/slot-view.ts): reading a cache the
 * engine wrote gives back the same JSON text, which the idle check of a cycle relies on.
 */
import * as v from 'valibot';
import {
  DataSourceSchema,
  ExtraUsageSchema,
  ModelWeeklyLimitSchema,
  SlotErrorSchema,
  SlotHealthSchema,
  SlotStatusSchema,
  UsageWindowSchema,
} from './common';
import { FiniteNumberSchema, JsonObjectSchema, listOf, mapOf, orAbsent, orNull, TimeSchema } from './fields';
import { SlotPaceSchema } from './pace';

/** One slot's entry. Field names are a contract: `email`, `status` and `last_fetched` are read by old statuslines. */
export const CacheSlotSchema = v.object({
  email: orNull(v.string()),
  label: orNull(v.string()),
  /** Null only in a cache that does not say (an old writer's shape has it). */
  status: orNull(SlotStatusSchema),
  /** Null when the writer did not say (an old writer's cache): unknown, not ok. */
  health: orNull(SlotHealthSchema),
  last_fetched: orNull(TimeSchema),
  last_attempt: orNull(TimeSchema),
  source: orNull(DataSourceSchema),
  last_error: orNull(SlotErrorSchema),
  five_hour: orNull(UsageWindowSchema),
  seven_day: orNull(UsageWindowSchema),
  weekly_by_model: listOf(ModelWeeklyLimitSchema),
  extra_usage: orNull(ExtraUsageSchema),
  access_expires_at: orNull(TimeSchema),
  login_expires_at: orNull(TimeSchema),
  subscription: orNull(v.string()),
  rate_limit_tier: orNull(v.string()),
  /** Null when the writer did not count (an old writer's cache). */
  requests_last_hour: orNull(FiniteNumberSchema),
  /** Null when the writer did not say (an old writer's cache): the statusline then matches no session to it. */
  config_dir: orNull(v.string()),
  /** When the next usage call is tried (epoch ms): a 429 back-off's end, or the retry after a network failure; else null. */
  next_attempt_at: orAbsent(v.nullable(TimeSchema)),
  enabled: orAbsent(v.boolean()),
  /** The account used without CLAUDE_CONFIG_DIR (statuslines of such sessions attribute to it). */
  default_account: orAbsent(v.boolean()),
  /** When the current credentials (by fingerprint) were first seen (epoch ms): the last login, for re-login reminders. */
  login_seen_at: orAbsent(v.nullable(TimeSchema)),
  /**
   * When the usage endpoint last refused a token valid locally (401/403: a session ended on the server),
   * until a call succeeds again; such a slot is not recommended.
   */
  token_rejected_at: orAbsent(v.nullable(TimeSchema)),
  /** Where each window is heading (domain/pace), computed by the engine every cycle. */
  pace: orAbsent(SlotPaceSchema),
});

export const CacheWriterSchema = v.object({
  pid: FiniteNumberSchema,
  app: v.string(),
  app_version: v.string(),
});

export const CacheFileSchema = v.object({
  /** 1 from every writer since the format has a version; null in an old writer's cache. */
  version: orNull(FiniteNumberSchema),
  /** When the cache was written (epoch ms); null when it does not say (then it is stale). */
  ts: orNull(TimeSchema),
  writer: orNull(CacheWriterSchema),
  /** Null when the writer did not say (an old writer's cache). */
  all_inactive: orNull(v.boolean()),
  recommended: orNull(v.string()),
  /** Threshold the writer used, so readers judge staleness the same way. */
  stale_threshold_s: orAbsent(v.pipe(FiniteNumberSchema, v.gtValue(0))),
  /** `alerts.login_expiry_warn_days` the writer used, so every surface warns about the same logins. */
  login_expiry_warn_days: orAbsent(v.pipe(FiniteNumberSchema, v.gtValue(0))),
  /** The registry's `settings.statusline_format`, copied here so the statusline need not parse YAML. */
  statusline_format: orAbsent(v.string()),
  /** `settings.statusline_color` (validated): false turns the statusline's colours off. */
  statusline_color: orAbsent(v.boolean()),
  /** `settings.statusline_color_thresholds` (validated): amber from the first percentage, red from the second. */
  statusline_color_thresholds: orAbsent(v.tuple([FiniteNumberSchema, FiniteNumberSchema])),
  /** Entries that are not objects are left out. */
  slots: mapOf(v.pipe(JsonObjectSchema, CacheSlotSchema)),
});

export type CacheParse =
  | { ok: true; cache: v.InferOutput<typeof CacheFileSchema> }
  | { ok: false; reason: 'not valid JSON' | 'not a Quota Broker cache' };

/**
 * Reads the text of a cache file. Never throws: text that is not JSON, or JSON that is not an object
 * with a `slots` map, is a reason; everything else is a cache, with unknown fields as null.
 */
export function parseCacheText(text: string): CacheParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  return parseCacheValue(value);
}

/** {@link parseCacheText} for a value already parsed from JSON. */
export function parseCacheValue(value: unknown): CacheParse {
  if (!v.is(JsonObjectSchema, value) || !v.is(JsonObjectSchema, value.slots)) {
    return { ok: false, reason: 'not a Quota Broker cache' };
  }
  const parsed = v.safeParse(CacheFileSchema, value);
  // Every field falls back, so only a bug can fail here; it reads as "not a cache", never a throw.
  return parsed.success
    ? { ok: true, cache: parsed.output }
    : { ok: false, reason: 'not a Quota Broker cache' };
}
