import { redact } from '../../domain/redact';
import { parseTokenAnswer, parseTokenErrorCode } from '../../domain/schemas/token-answer';
import { classifyThrown, errorDetail, withDetail } from './fetch-errors';
import { nodeFetch } from './http-request';
import { readBodyText } from './read-body';
import type { HttpOptions, TokenRefreshResult } from './types';
import { brokerUserAgent } from './user-agent';

/** Claude Code's OAuth client id (docs/claude-code.md "Refreshing a token"). */
export const CLAUDE_CODE_CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';

/** Scopes Claude Code asks for, used only when the stored login has none. */
export const DEFAULT_OAUTH_SCOPES: readonly string[] = [
  'user:profile',
  'user:inference',
  'user:sessions:claude_code',
  'user:mcp_servers',
  'user:file_upload',
];

/** Token answers are small; anything bigger is not a token answer. */
const MAX_TOKEN_BODY_BYTES = 64 * 1024;

export interface RefreshTokenOptions extends HttpOptions {
  /** `https://platform.claude.com/v1/oauth/token` or QUOTA_BROKER_TOKEN_URL. */
  tokenUrl: string;
  refreshToken: string;
  /** The stored scopes; sent joined by spaces. */
  scopes: readonly string[];
  /** Only tests override this (to see invalid_client). */
  clientId?: string;
}

type Failure = Extract<TokenRefreshResult, { ok: false }>;

/**
 * Posts one refresh token to the token endpoint, exactly as Claude Code does, but with a neutral
 * `quota-broker/` User-Agent (a `claude-code/` one is rate-limited there). The refresh token is
 * single-use: a success means the one sent is now dead. Classifies `invalid_grant` (400/401),
 * `invalid_client`, and everything else as transient. Never throws; messages are redacted.
 */
export async function refreshAccessToken(opts: RefreshTokenOptions): Promise<TokenRefreshResult> {
  const doFetch = opts.fetch ?? nodeFetch;
  const scopes = opts.scopes.length > 0 ? opts.scopes : DEFAULT_OAUTH_SCOPES;
  const body = JSON.stringify({
    grant_type: 'refresh_token',
    refresh_token: opts.refreshToken,
    client_id: opts.clientId ?? CLAUDE_CODE_CLIENT_ID,
    scope: scopes.join(' '),
  });
  try {
    const res = await doFetch(opts.tokenUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'User-Agent': brokerUserAgent(),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const text = await readBodyText(res, MAX_TOKEN_BODY_BYTES);
    const raw = text.ok ? text.text : '';
    return res.status === 200 ? decodeSuccess(raw) : classifyError(res.status, raw);
  } catch (err) {
    const { kind, detail } = classifyThrown(err);
    const message =
      kind === 'timeout'
        ? `Token endpoint did not answer within ${opts.timeoutMs} ms.`
        : `Token endpoint is unreachable (${detail}).`;
    return { ok: false, kind: 'transient', status: null, message };
  }
}

function decodeSuccess(raw: string): TokenRefreshResult {
  const answer = parseTokenAnswer(raw);
  if (!answer) {
    return {
      ok: false,
      kind: 'transient',
      status: 200,
      message: 'Token endpoint answered 200 without a token.',
    };
  }
  return {
    ok: true,
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresInS: answer.expires_in,
    refreshTokenExpiresInS: answer.refresh_token_expires_in,
    scope: answer.scope,
  };
}

function classifyError(status: number, raw: string): Failure {
  const code = parseTokenErrorCode(raw);
  const message = redact(withDetail(`Token endpoint answered ${status}`, errorDetail(raw)));
  if (code === 'invalid_grant' && (status === 400 || status === 401)) {
    return { ok: false, kind: 'invalid_grant', status, message };
  }
  if (code === 'invalid_client') return { ok: false, kind: 'invalid_client', status, message };
  return { ok: false, kind: 'transient', status, message };
}
