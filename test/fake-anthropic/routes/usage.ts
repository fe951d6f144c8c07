import type { AccessCheck } from '../accounts';
import { type Answer, apiError, bump, type Exchange, type FakeState, header, send } from '../exchange';
import { sendFault } from '../faults';
import { authErrorMessage, CLAUDE_CODE_UA_PREFIX, checkBearer, hasOAuthBeta } from './auth';

const RATE_LIMITED: Answer = {
  status: 429,
  body: apiError('rate_limit_error', 'Rate limited. Please try again later.'),
  headers: { 'retry-after': '0' },
};

/**
 * GET /api/oauth/usage, as the real one: a live bearer token, the OAuth beta header and a
 * `claude-code/` User-Agent (else persistent 429s), scope `user:profile` (else 403), and an hourly
 * budget per account (429 with `retry-after: 0` once spent).
 */
export function handleUsage(state: FakeState, ex: Exchange): void {
  const check = checkBearer(state, ex.req, ex.at);
  ex.email = check?.email ?? null;
  bump(state.stats.usageCalls, ex.email);
  const fault = state.modes.get('usage');
  if (fault && fault.mode !== 'normal') sendFault(state, ex, { ...fault, mode: fault.mode });
  else send(state, ex, usageAnswer(state, ex, check));
}

function usageAnswer(state: FakeState, ex: Exchange, check: AccessCheck): Answer {
  if (!(header(ex.req, 'user-agent') ?? '').startsWith(CLAUDE_CODE_UA_PREFIX)) return RATE_LIMITED;
  if (!hasOAuthBeta(ex.req)) {
    return {
      status: 401,
      body: apiError('authentication_error', 'OAuth authentication is currently not supported.'),
    };
  }
  if (check === null || check.state !== 'live') {
    return { status: 401, body: apiError('authentication_error', authErrorMessage(check)) };
  }
  const account = state.book.must(check.email);
  if (!account.scopes.includes('user:profile')) {
    return {
      status: 403,
      body: apiError('permission_error', 'OAuth token does not meet scope requirement user:profile'),
    };
  }
  if (!state.book.admitUsageCall(account, state.budgetPerHour, ex.at)) return RATE_LIMITED;
  return { status: 200, body: account.usage };
}
