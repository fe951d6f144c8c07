/**
 * The JSON Claude Code writes on the statusline command's stdin (docs/schemas.md): only the fields the
 * broker reads — `session_id`, `transcript_path` and `rate_limits` (`used_percentage`, and `resets_at` in
 * epoch seconds). Everything else is ignored and anything malformed reads as null: bad stdin still
 * gives a line.
 *
 * This runs on every statusline update, where loading valibot costs start-up time, so the reader that
 * runs is the hand-checked `readStatuslineStdin` (domain/statusline/stdin.ts);
 * test/domain/schemas/statusline-stdin.test.ts holds it to this schema.
 */
import * as v from 'valibot';
import { JsonObjectSchema, orNull } from './fields';

/** One window of `rate_limits`; a numeric string is read as its number (seen from older versions). */
export const StdinWindowSchema = v.object({
  used_percentage: v.pipe(v.union([v.number(), v.string()]), v.transform(Number), v.finite()),
  /** Epoch seconds (milliseconds are accepted too); null when missing or not a positive number. */
  resets_at: v.fallback(v.nullable(v.pipe(v.number(), v.finite(), v.gtValue(0))), null),
});

export const RateLimitsSchema = v.object({
  five_hour: orNull(StdinWindowSchema),
  seven_day: orNull(StdinWindowSchema),
});

export const StatuslineStdinSchema = v.object({
  session_id: orNull(v.string()),
  transcript_path: orNull(v.string()),
  rate_limits: orNull(RateLimitsSchema),
});

const NOTHING = { session_id: null, transcript_path: null, rate_limits: null };

/** What the statusline reads from a parsed stdin (undefined: it was not JSON). */
export function parseStatuslineStdin(value: unknown): v.InferOutput<typeof StatuslineStdinSchema> {
  if (!v.is(JsonObjectSchema, value)) return NOTHING;
  const parsed = v.safeParse(StatuslineStdinSchema, value);
  return parsed.success ? parsed.output : NOTHING;
}
