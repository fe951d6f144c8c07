/**
 * Claude Code's credentials JSON (keychain value or `<config_dir>/.credentials.json`; docs/schemas.md):
 * `{"claudeAiOauth": {accessToken, refreshToken, expiresAt, …}, "mcpOAuth": {…}, …}`. The top level and
 * `claudeAiOauth` are open — other keys exist and must survive a read-modify-write, so the reader only
 * checks; the document itself is kept as it was parsed (adapters/credentials/credentials-json.ts).
 * Messages never quote the content: it holds tokens.
 */
import * as v from 'valibot';
import { JsonObjectSchema, orAbsent } from './fields';

const NOT_STRINGS = 'has tokens that are not strings';
const NOT_A_TIME = 'has an expiresAt that is not a time';

/** What `claudeAiOauth` may hold, logged in or out (`{"expiresAt":0}` and empty tokens are a stub). */
export const ClaudeAiOauthSchema = v.looseObject({
  accessToken: v.optional(v.string(NOT_STRINGS)),
  refreshToken: v.optional(v.string(NOT_STRINGS)),
  expiresAt: v.optional(v.pipe(v.number(NOT_A_TIME), v.finite(NOT_A_TIME), v.minValue(0, NOT_A_TIME))),
});

/** A document whose `claudeAiOauth`, when present and not null, is an object of the shape above. */
export const CredentialsDocumentSchema = v.looseObject({
  claudeAiOauth: v.nullish(
    v.pipe(v.custom(isPlainObject, 'has a claudeAiOauth that is not an object'), ClaudeAiOauthSchema),
  ),
});

/** The part of a full login the broker reads. Never logged. */
export const OAuthTokensSchema = v.object({
  accessToken: v.pipe(v.string(), v.minLength(1)),
  refreshToken: v.pipe(v.string(), v.minLength(1)),
  /** Epoch ms. */
  expiresAt: v.pipe(v.number(), v.finite(), v.gtValue(0)),
  /** Epoch ms; newer Claude Code versions only. */
  refreshTokenExpiresAt: orAbsent(v.number()),
  scopes: orAbsent(v.array(v.string())),
  subscriptionType: orAbsent(v.string()),
  rateLimitTier: orAbsent(v.string()),
});

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type CredentialsRead =
  | { state: 'logged_out'; doc: Record<string, unknown> }
  | { state: 'ok'; doc: Record<string, unknown>; tokens: v.InferOutput<typeof OAuthTokensSchema> }
  /** Not JSON, or not a shape we understand; `reason` never quotes the content. */
  | { state: 'malformed'; reason: string };

/**
 * Classifies credentials JSON text. Logged out means no `claudeAiOauth`, or one without a full login
 * (an empty or missing access token, refresh token or `expiresAt`, as in Claude Code's stub
 * `{"accessToken":"","refreshToken":"","expiresAt":0}`). Values of the wrong type are malformed.
 */
export function readCredentialsText(text: string): CredentialsRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // JSON.parse messages quote the text: never pass them on.
    return { state: 'malformed', reason: 'is not valid JSON' };
  }
  if (!v.is(JsonObjectSchema, doc)) return { state: 'malformed', reason: 'is not a JSON object' };
  const checked = v.safeParse(CredentialsDocumentSchema, doc);
  if (!checked.success) return { state: 'malformed', reason: checked.issues[0].message };
  const tokens = v.safeParse(OAuthTokensSchema, doc.claudeAiOauth);
  return tokens.success ? { state: 'ok', doc, tokens: tokens.output } : { state: 'logged_out', doc };
}
