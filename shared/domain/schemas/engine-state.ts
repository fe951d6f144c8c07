/**
 * `engine-state.json` in the state dir (docs/schemas.md): the engine's memory between runs — schedule,
 * back-off, request history, credential fingerprints, the last good registry. Nothing in it was written
 * by a person, so the reader is forgiving: a field that is missing or malformed takes its starting value,
 * and a file that is not an engine state at all starts fresh. No secrets: fingerprints are short hashes.
 */
import * as v from 'valibot';
import { FiniteNumberSchema, JsonObjectSchema, listOf, mapOf, orAbsent, orNull, TimeSchema } from './fields';
import { RegistrySchema } from './registry';

export const ENGINE_STATE_VERSION = 1 as const;

/** A 429 back-off (domain/schedule.ts). */
export const BackoffStateSchema = v.object({
  /** No usage call for this slot before this time (epoch ms). */
  until: TimeSchema,
  /** How many 429s in a row. */
  streak: FiniteNumberSchema,
  /** The last wait applied, to grow ×1.5 from. */
  last_delay_ms: FiniteNumberSchema,
});

/** One slot's memory. The entries are in the order of `emptySlotState` (adapters/engine-state-store.ts). */
export const SlotEngineStateSchema = v.object({
  next_due_at: orNull(TimeSchema),
  backoff: orNull(BackoffStateSchema),
  /** Consecutive transient failures (network, 5xx, timeouts) for the retry schedule. */
  failure_streak: v.fallback(v.pipe(FiniteNumberSchema, v.minValue(0)), 0),
  /** Usage-call timestamps within the trailing hour. */
  requests: listOf(TimeSchema),
  /** Fingerprint of the credentials last seen; a change reactivates an inactive slot. */
  cred_fingerprint: orNull(v.string()),
  /** Fingerprint seen when the slot went (or was found) inactive. */
  inactive_fingerprint: orNull(v.string()),
  /** First time the current credentials were seen (a stand-in for the login's age). */
  login_seen_at: orNull(TimeSchema),
  /** Email learned from the profile endpoint (when neither the registry nor .claude.json names one). */
  profile_email: orAbsent(v.nullable(v.string())),
  /** Last time the profile endpoint was asked, so it is asked at most once a day. */
  profile_checked_at: orAbsent(v.nullable(TimeSchema)),
});

export const EngineStateSchema = v.object({
  version: v.literal(ENGINE_STATE_VERSION),
  slots: mapOf(v.pipe(JsonObjectSchema, SlotEngineStateSchema)),
  /** The last registry that parsed, used while the file is broken; null when there is none or it is not one. */
  last_good_registry: orNull(RegistrySchema),
});

/** The engine state in a parsed `engine-state.json`, or null when it is not one (the caller starts fresh). */
export function parseEngineState(value: unknown): v.InferOutput<typeof EngineStateSchema> | null {
  if (!v.is(JsonObjectSchema, value) || !v.is(JsonObjectSchema, value.slots)) return null;
  const parsed = v.safeParse(EngineStateSchema, value);
  return parsed.success ? parsed.output : null;
}
