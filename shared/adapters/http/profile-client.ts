import { parseProfileAnswer } from '../../domain/schemas/profile-answer';
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

/**
 * Decodes the profile answer (its schema: domain/schemas/profile-answer.ts); null when it has neither
 * `account` nor `organization`.
 */
export function decodeProfile(json: unknown): ProfileResult | null {
  const answer = parseProfileAnswer(json);
  if (!answer) return null;
  const { account, organization: org } = answer;
  return {
    email: account?.email_address ?? account?.email ?? null,
    subscription: org?.organization_type
      ? org.organization_type.replace(/^claude_/, '')
      : account?.has_claude_max
        ? 'max'
        : account?.has_claude_pro
          ? 'pro'
          : null,
    rateLimitTier: org?.rate_limit_tier ?? null,
  };
}
