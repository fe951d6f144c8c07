/**
 * The answers of `POST /v1/oauth/token` (docs/schemas.md): a success carries a new access token and its
 * lifetime in seconds, and usually a new refresh token (absent: keep the old one); an error carries an
 * OAuth `error` code (`invalid_grant`, `invalid_client`, …). Unknown keys are ignored. The values are
 * secrets: nothing here logs or quotes them.
 */
import * as v from 'valibot';
import { orNull, parseJsonText } from './fields';

const PositiveSchema = v.pipe(v.number(), v.finite(), v.gtValue(0));
const TokenSchema = v.pipe(v.string(), v.minLength(1));

/** A 200 answer that holds a token; anything less is not one. */
export const TokenAnswerSchema = v.object({
  access_token: TokenSchema,
  /** Seconds. */
  expires_in: PositiveSchema,
  /** Null: the server keeps the refresh token that was sent. */
  refresh_token: orNull(TokenSchema),
  /** Seconds; newer servers only. */
  refresh_token_expires_in: orNull(PositiveSchema),
  scope: orNull(v.string()),
});

/** An error answer; `error` is null when the body says nothing readable. */
export const TokenErrorAnswerSchema = v.object({ error: orNull(v.string()) });

/** The token answer in a body's text, or null when it holds no usable token. */
export function parseTokenAnswer(text: string): v.InferOutput<typeof TokenAnswerSchema> | null {
  const parsed = v.safeParse(TokenAnswerSchema, parseJsonText(text));
  return parsed.success ? parsed.output : null;
}

/** The OAuth error code in an error body's text, or null. */
export function parseTokenErrorCode(text: string): string | null {
  const parsed = v.safeParse(TokenErrorAnswerSchema, parseJsonText(text));
  return parsed.success ? parsed.output.error : null;
}
