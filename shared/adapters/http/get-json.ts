import type { ResponseLike } from '../../ports/fetch';
import { classifyThrown, errorDetail, withDetail } from './fetch-errors';
import { nodeFetch } from './http-request';
import { MAX_BODY_BYTES, readBodyText, readErrorSnippet } from './read-body';
import { parseRetryAfter } from './retry-after';
import type { HttpFailure, HttpFailureKind, HttpOptions } from './types';
import { claudeCodeUserAgent } from './user-agent';

/** The beta flag the OAuth endpoints of api.anthropic.com require. */
export const OAUTH_BETA = 'oauth-2025-04-20';

/** Options shared by the usage and profile clients. */
export interface OAuthGetOptions extends HttpOptions {
  /** API base without a trailing path, e.g. `https://api.anthropic.com` (QUOTA_BROKER_API_URL). */
  apiBase: string;
  accessToken: string;
  /** Defaults to `claude-code/<default version>`; the usage endpoint answers 429 to anything else. */
  userAgent?: string;
  /** Body size cap; defaults to 1 MB. */
  maxBytes?: number;
}

/** The headers docs/claude-code.md prescribes for api.anthropic.com's OAuth endpoints. */
export function oauthHeaders(accessToken: string, userAgent: string): Record<string, string> {
  return {
    Authorization: `Bearer ${accessToken}`,
    'anthropic-beta': OAUTH_BETA,
    Accept: 'application/json',
    'User-Agent': userAgent,
  };
}

/**
 * GETs `path` on the API with OAuth headers and returns the parsed JSON body, or a classified failure.
 * Never throws; every message is redacted. `label` names the endpoint in messages ("Usage endpoint").
 */
export async function getOAuthJson(
  path: string,
  label: string,
  opts: OAuthGetOptions,
): Promise<{ ok: true; json: unknown } | HttpFailure> {
  const doFetch = opts.fetch ?? nodeFetch;
  const url = `${opts.apiBase.replace(/\/+$/, '')}${path}`;
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let res: ResponseLike;
  try {
    res = await doFetch(url, {
      method: 'GET',
      headers: oauthHeaders(opts.accessToken, opts.userAgent ?? claudeCodeUserAgent()),
      // A redirect would carry the bearer token elsewhere; treat it as a bad response instead.
      redirect: 'manual',
      signal,
    });
  } catch (err) {
    return thrownFailure(err, label, opts.timeoutMs);
  }
  if (res.status !== 200) return statusFailure(res, label);
  try {
    const body = await readBodyText(res, opts.maxBytes ?? MAX_BODY_BYTES);
    if (!body.ok) {
      const what = body.reason === 'too_large' ? 'an answer over the size limit' : 'binary data';
      return failure('bad_response', 200, `${label} answered with ${what}.`);
    }
    try {
      return { ok: true, json: JSON.parse(body.text) };
    } catch {
      const type = res.headers.get('content-type') ?? 'no content type';
      return failure('bad_response', 200, `${label} answered with something that is not JSON (${type}).`);
    }
  } catch (err) {
    return thrownFailure(err, label, opts.timeoutMs);
  }
}

/** Builds a failure value. */
export function failure(
  kind: HttpFailureKind,
  status: number | null,
  message: string,
  retryAfterS: number | null = null,
): HttpFailure {
  return { ok: false, kind, status, retryAfterS, message };
}

function thrownFailure(err: unknown, label: string, timeoutMs: number): HttpFailure {
  const { kind, detail } = classifyThrown(err);
  if (kind === 'timeout') return failure('timeout', null, `${label} did not answer within ${timeoutMs} ms.`);
  return failure('offline', null, `${label} is unreachable (${detail}).`);
}

async function statusFailure(res: ResponseLike, label: string): Promise<HttpFailure> {
  const status = res.status;
  const detail = errorDetail(await readErrorSnippet(res));
  if (status === 401) return failure('unauthorized', status, withDetail(`${label} answered 401`, detail));
  if (status === 403) return failure('forbidden', status, withDetail(`${label} answered 403`, detail));
  if (status === 429) {
    const retryAfterS = parseRetryAfter(res.headers.get('retry-after'));
    return failure('rate_limited', status, withDetail(`${label} answered 429`, detail), retryAfterS);
  }
  if (status >= 500)
    return failure('server_error', status, withDetail(`${label} answered ${status}`, detail));
  return failure('bad_response', status, withDetail(`${label} answered ${status}`, detail));
}
