/**
 * The answer of `GET /api/oauth/profile` (docs/schemas.md): the account's email and the organization's
 * type and rate-limit tier. Tolerant like the usage answer: unknown keys ignored, unreadable fields null.
 */
import * as v from 'valibot';
import { JsonObjectSchema, orNull } from './fields';

const TextSchema = v.pipe(v.string(), v.minLength(1));
const record = <T extends v.ObjectEntries>(entries: T) => v.pipe(JsonObjectSchema, v.object(entries));

export const ProfileAnswerSchema = record({
  account: orNull(
    record({
      email_address: orNull(TextSchema),
      email: orNull(TextSchema),
      has_claude_max: v.fallback(v.boolean(), false),
      has_claude_pro: v.fallback(v.boolean(), false),
    }),
  ),
  organization: orNull(
    record({
      /** `claude_max`, `claude_pro`, … */
      organization_type: orNull(TextSchema),
      rate_limit_tier: orNull(TextSchema),
    }),
  ),
});

/** The profile answer in `json`; null when it is not an object or has neither account nor organization. */
export function parseProfileAnswer(json: unknown): v.InferOutput<typeof ProfileAnswerSchema> | null {
  const parsed = v.safeParse(ProfileAnswerSchema, json);
  if (!parsed.success || (!parsed.output.account && !parsed.output.organization)) return null;
  return parsed.output;
}
