/**
 * Pure handling of Claude Code's credentials JSON (docs/claude-code.md "Where the tokens are"): classify it,
 * fingerprint the login, and merge new tokens in while keeping every key the broker does not own.
 */
import { createHash } from 'node:crypto';
import { type CredentialsRead, readCredentialsText } from '../../domain/schemas/credentials';
import { ACCESS_EXPIRY_MARGIN_MS } from '../../domain/timing';
import type { OAuthTokens } from '../../domain/types';

/** Claude Code treats an access token as expired this long before `expiresAt`. */

const FINGERPRINT_HEX_CHARS = 16;

export type CredentialsDocument = Record<string, unknown>;

/** Logged out, a full login (with its tokens), or malformed (a reason that never quotes the content). */
export type ParsedCredentials = CredentialsRead;

/** New tokens after a refresh. */
export interface TokenPatch {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms; only when the token endpoint gave `refresh_token_expires_in`. */
  refreshTokenExpiresAt?: number;
}

/**
 * Classifies credentials JSON text through the credentials schema (domain/schemas/credentials.ts).
 * Logged out means no `claudeAiOauth`, or one without a full login (an empty or missing access token,
 * refresh token or `expiresAt`, as in Claude Code's stub `{"accessToken":"","refreshToken":"","expiresAt":0}`).
 * Values of the wrong type are malformed. `doc` is the document exactly as parsed: every key the broker
 * does not own stays in it, in its place, for {@link mergeTokens}.
 */
export function parseCredentialsJson(text: string): ParsedCredentials {
  return readCredentialsText(text);
}

/**
 * A short hash of the refresh token and `expiresAt`: it changes whenever the stored login changes
 * (refresh, re-login, stub), so callers can notice a change without keeping tokens around.
 */
export function getTokenFingerprint(tokens: Pick<OAuthTokens, 'refreshToken' | 'expiresAt'>): string {
  return createHash('sha256')
    .update(`${tokens.refreshToken}\n${tokens.expiresAt}`, 'utf8')
    .digest('hex')
    .slice(0, FINGERPRINT_HEX_CHARS);
}

/** True when the access token is expired or expires within 5 minutes (Claude Code's margin). */
export function isAccessExpired(tokens: Pick<OAuthTokens, 'expiresAt'>, now: number): boolean {
  return now >= tokens.expiresAt - ACCESS_EXPIRY_MARGIN_MS;
}

/** True when `patch` is a full login; anything else could write a logged-out stub and is refused. */
export function isCompleteTokenPatch(patch: TokenPatch): boolean {
  const isTime = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  return (
    typeof patch.accessToken === 'string' &&
    patch.accessToken.trim() !== '' &&
    typeof patch.refreshToken === 'string' &&
    patch.refreshToken.trim() !== '' &&
    isTime(patch.expiresAt) &&
    (patch.refreshTokenExpiresAt === undefined || isTime(patch.refreshTokenExpiresAt))
  );
}

/**
 * `doc` with the patch applied inside `claudeAiOauth`. Every other key, at the top level and inside
 * `claudeAiOauth`, is kept in its place; `doc` itself is not modified.
 */
export function mergeTokens(doc: CredentialsDocument, patch: TokenPatch): CredentialsDocument {
  const oauth = isPlainObject(doc.claudeAiOauth) ? doc.claudeAiOauth : {};
  const next: Record<string, unknown> = {
    ...oauth,
    accessToken: patch.accessToken,
    refreshToken: patch.refreshToken,
    expiresAt: patch.expiresAt,
  };
  if (patch.refreshTokenExpiresAt !== undefined) next.refreshTokenExpiresAt = patch.refreshTokenExpiresAt;
  return { ...doc, claudeAiOauth: next };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
