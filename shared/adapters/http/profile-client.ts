import { failure, getOAuthJson, type OAuthGetOptions } from './get-json';
import type { ProfileFetchResult, ProfileResult } from './types';

export type FetchProfileOptions = OAuthGetOptions;

/** Path of the profile endpoint under the API base. */
export const PROFILE_PATH = '/api/oauth/profile';

/**
 * One call to `GET <apiBase>/api/oauth/profile` (same headers, timeout, size cap and failure classes
 * as {@link fetchUsage}). Returns the account's email, subscription (`max`, `pro`, …) and rate-limit tier.
 */
export async function fetchProfile(opts: FetchProfileOptions): Promise<ProfileFetchResult> {
  const label = 'Profile endpoint';
  const got = await getOAuthJson(PROFILE_PATH, label, opts);
  if (!got.ok) return got;
  const profile = decodeProfile(got.json);
  if (!profile) return failure('bad_response', 200, `${label} answered JSON without an account.`);
  return { ok: true, status: 200, ...profile };
}

/** Decodes the profile answer; null when it has neither `account` nor `organization`. */
export function decodeProfile(json: unknown): ProfileResult | null {
  if (!isRecord(json)) return null;
  const account = isRecord(json.account) ? json.account : null;
  const org = isRecord(json.organization) ? json.organization : null;
  if (!account && !org) return null;
  return {
    email: str(account?.email_address) ?? str(account?.email),
    subscription: subscriptionOf(org, account),
    rateLimitTier: str(org?.rate_limit_tier),
  };
}

function subscriptionOf(org: Record<string, unknown> | null, account: Record<string, unknown> | null) {
  const type = str(org?.organization_type);
  if (type) return type.replace(/^claude_/, '');
  if (account?.has_claude_max === true) return 'max';
  if (account?.has_claude_pro === true) return 'pro';
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
