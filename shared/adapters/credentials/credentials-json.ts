/**
 * Pure handling of Claude Code's credentials JSON (interop doc "Where the tokens are"): classify it,
 * fingerprint the login, and merge new tokens in while keeping every key the broker does not own.
 */
import { createHash } from 'node:crypto';
import type { OAuthTokens } from '../../domain/types';

/** Claude Code treats an access token as expired this long before `expiresAt`. */
export const ACCESS_EXPIRY_MARGIN_MS = 5 * 60 * 1000;
const FINGERPRINT_HEX_CHARS = 16;

export type CredentialsDocument = Record<string, unknown>;

export type ParsedCredentials =
  | { state: 'logged_out'; doc: CredentialsDocument }
  | { state: 'ok'; doc: CredentialsDocument; tokens: OAuthTokens }
  /** Not JSON, or not a shape we understand; `reason` never quotes the content. */
  | { state: 'malformed'; reason: string };

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
 * Classifies credentials JSON text. Logged out means no `claudeAiOauth`, or one without a full login
 * (an empty or missing access token, refresh token or `expiresAt`, as in Claude Code's stub
 * `{"accessToken":"","refreshToken":"","expiresAt":0}`). Values of the wrong type are malformed.
 */
export function parseCredentialsJson(text: string): ParsedCredentials {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // JSON.parse messages quote the text: never pass them on.
    return { state: 'malformed', reason: 'is not valid JSON' };
  }
  if (!isPlainObject(doc)) return { state: 'malformed', reason: 'is not a JSON object' };
  const oauth = doc.claudeAiOauth;
  if (oauth === undefined || oauth === null) return { state: 'logged_out', doc };
  if (!isPlainObject(oauth))
    return { state: 'malformed', reason: 'has a claudeAiOauth that is not an object' };
  const { accessToken, refreshToken, expiresAt } = oauth;
  if (!isOptionalString(accessToken) || !isOptionalString(refreshToken)) {
    return { state: 'malformed', reason: 'has tokens that are not strings' };
  }
  if (
    expiresAt !== undefined &&
    !(typeof expiresAt === 'number' && Number.isFinite(expiresAt) && expiresAt >= 0)
  ) {
    return { state: 'malformed', reason: 'has an expiresAt that is not a time' };
  }
  if (!accessToken || !refreshToken || !expiresAt) return { state: 'logged_out', doc };
  const tokens: OAuthTokens = { accessToken, refreshToken, expiresAt };
  if (typeof oauth.refreshTokenExpiresAt === 'number')
    tokens.refreshTokenExpiresAt = oauth.refreshTokenExpiresAt;
  if (Array.isArray(oauth.scopes) && oauth.scopes.every((s) => typeof s === 'string'))
    tokens.scopes = oauth.scopes;
  if (typeof oauth.subscriptionType === 'string') tokens.subscriptionType = oauth.subscriptionType;
  if (typeof oauth.rateLimitTier === 'string') tokens.rateLimitTier = oauth.rateLimitTier;
  return { state: 'ok', doc, tokens };
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

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}
