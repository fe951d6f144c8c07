import type { AccessCheck } from '../accounts';
import { type Answer, apiError, type Exchange, type FakeState, send } from '../exchange';
import { sendFault } from '../faults';
import { authErrorMessage, checkBearer } from './auth';

/** GET /api/oauth/profile: the account and organization of a live bearer token. */
export function handleProfile(state: FakeState, ex: Exchange): void {
  const check = checkBearer(state, ex.req, ex.at);
  ex.email = check?.email ?? null;
  state.stats.profileCalls += 1;
  const fault = state.modes.get('profile');
  if (fault && fault.mode !== 'normal') sendFault(state, ex, { ...fault, mode: fault.mode });
  else send(state, ex, profileAnswer(state, check));
}

function profileAnswer(state: FakeState, check: AccessCheck): Answer {
  if (check === null || check.state !== 'live') {
    return { status: 401, body: apiError('authentication_error', authErrorMessage(check)) };
  }
  const account = state.book.must(check.email);
  const name = account.email.split('@')[0];
  return {
    status: 200,
    body: {
      account: {
        uuid: account.uuid,
        email_address: account.email,
        full_name: name,
        display_name: name,
        has_claude_max: account.subscription === 'max',
        has_claude_pro: account.subscription === 'pro',
        created_at: '2025-01-01T00:00:00.000000Z',
      },
      organization: {
        uuid: account.orgUuid,
        name: `${account.email}'s Organization`,
        organization_type: `claude_${account.subscription}`,
        billing_type: 'stripe_subscription',
        rate_limit_tier: account.rateLimitTier,
        has_extra_usage_enabled: false,
      },
    },
  };
}
