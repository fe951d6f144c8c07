import { decodeUsage } from './decode-usage';
import { failure, getOAuthJson, type OAuthGetOptions } from './get-json';
import type { UsageResult } from './types';

export type FetchUsageOptions = OAuthGetOptions;

/** Path of the usage endpoint under the API base. */
export const USAGE_PATH = '/api/oauth/usage';

/**
 * One call to `GET <apiBase>/api/oauth/usage` with the headers docs/claude-code.md prescribes, a
 * per-request timeout and a body size cap. Never throws: 401 → unauthorized, 403 → forbidden,
 * 429 → rate_limited (with `retryAfterS`), 5xx → server_error, network → offline, timeout → timeout,
 * anything unreadable or without usage fields → bad_response. Messages are redacted.
 */
export async function fetchUsage(opts: FetchUsageOptions): Promise<UsageResult> {
  const label = 'Usage endpoint';
  const got = await getOAuthJson(USAGE_PATH, label, opts);
  if (!got.ok) return got;
  const snapshot = decodeUsage(got.json);
  if (!snapshot) return failure('bad_response', 200, `${label} answered JSON without any usage fields.`);
  return { ok: true, snapshot, status: 200 };
}
