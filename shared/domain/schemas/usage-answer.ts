/**
 * The answer of `GET /api/oauth/usage` (docs/schemas.md). Decoded tolerantly: keys come and go, unknown
 * keys appear, any field may be null, numbers sometimes arrive as strings. A field that cannot be read
 * is null and costs nothing else; per-model weekly limits live in `limits[]` (`weekly_scoped` with
 * `scope.model`), the flat `seven_day_opus`/`seven_day_sonnet` are older and often null.
 * adapters/http/decode-usage.ts turns the result into a snapshot.
 */
import * as v from 'valibot';
import { JsonObjectSchema, listOf, orNull } from './fields';

/** A number, or a string holding one (`"26.5"`); blank strings and non-finite values are not. */
const LooseNumberSchema = v.pipe(
  v.union([
    v.number(),
    v.pipe(
      v.string(),
      v.check((s) => s.trim() !== ''),
    ),
  ]),
  v.transform(Number),
  v.finite(),
);
const TextSchema = v.pipe(v.string(), v.minLength(1));
/** An object that is not a list (valibot's `object` alone accepts lists). */
const record = <T extends v.ObjectEntries>(entries: T) => v.pipe(JsonObjectSchema, v.object(entries));

/** `{ utilization: 0–100, resets_at: ISO-8601 with microseconds | null }`. */
export const AnswerWindowSchema = record({
  utilization: LooseNumberSchema,
  resets_at: orNull(TextSchema),
});

/** One entry of `limits[]`: `kind` is `session`, `weekly_all`, `weekly_scoped`, `weekly_opus`, … */
export const AnswerLimitSchema = record({
  kind: orNull(v.string()),
  percent: orNull(LooseNumberSchema),
  utilization: orNull(LooseNumberSchema),
  resets_at: orNull(TextSchema),
  scope: orNull(
    record({
      model: orNull(record({ display_name: orNull(TextSchema), id: orNull(TextSchema) })),
    }),
  ),
});

/** Extra (paid) usage; money in minor units (cents). */
export const AnswerExtraUsageSchema = record({
  is_enabled: v.fallback(v.boolean(), false),
  used_credits: orNull(LooseNumberSchema),
  monthly_limit: orNull(LooseNumberSchema),
  currency: orNull(TextSchema),
});

export const UsageAnswerSchema = record({
  five_hour: orNull(AnswerWindowSchema),
  seven_day: orNull(AnswerWindowSchema),
  seven_day_opus: orNull(AnswerWindowSchema),
  seven_day_sonnet: orNull(AnswerWindowSchema),
  extra_usage: orNull(AnswerExtraUsageSchema),
  limits: listOf(AnswerLimitSchema),
});

export type UsageAnswer = v.InferOutput<typeof UsageAnswerSchema>;

/**
 * The usage answer in `json`, or null when it is not one: not an object, or none of the known keys
 * (an error body, another endpoint's answer).
 */
export function parseUsageAnswer(json: unknown): UsageAnswer | null {
  if (!v.is(JsonObjectSchema, json)) return null;
  if (!Object.keys(UsageAnswerSchema.pipe[1].entries).some((key) => key in json)) return null;
  const parsed = v.safeParse(UsageAnswerSchema, json);
  return parsed.success ? parsed.output : null;
}
