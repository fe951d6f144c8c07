import { type Answer, bump, type Exchange, type FakeState, header, readRequestBody, send } from '../exchange';
import { sendFault } from '../faults';
import { CLAUDE_CODE_UA_PREFIX } from './auth';

export const CLAUDE_CODE_CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';

type Params = Record<string, unknown>;

/**
 * POST /v1/oauth/token with grant_type refresh_token. Refresh tokens are single-use: a live one is
 * spent and a new pair issued; a spent, revoked, expired or unknown one answers 400 invalid_grant
 * (a spent one counts as reuse). A wrong client_id answers 401 invalid_client, and a `claude-code/`
 * User-Agent 429, as the real endpoint does.
 */
export async function handleToken(state: FakeState, ex: Exchange): Promise<void> {
  const params = parseBody(await readRequestBody(ex.req), header(ex.req, 'content-type'));
  const refreshToken = typeof params?.refresh_token === 'string' ? params.refresh_token : null;
  ex.email = refreshToken ? state.book.refreshOwner(refreshToken) : null;
  bump(state.stats.tokenCalls, ex.email);
  const fault = state.modes.get('token');
  if (fault && fault.mode !== 'normal') sendFault(state, ex, { ...fault, mode: fault.mode });
  else send(state, ex, tokenAnswer(state, ex, params, refreshToken));
}

function tokenAnswer(
  state: FakeState,
  ex: Exchange,
  params: Params | null,
  refreshToken: string | null,
): Answer {
  if ((header(ex.req, 'user-agent') ?? '').startsWith(CLAUDE_CODE_UA_PREFIX)) {
    return oauthError(429, 'rate_limit_error', 'Rate limited');
  }
  if (params === null) return oauthError(400, 'invalid_request', 'Invalid request body');
  if (params.grant_type !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
  }
  if (params.client_id !== CLAUDE_CODE_CLIENT_ID) {
    return oauthError(401, 'invalid_client', 'Client authentication failed');
  }
  const rotated = refreshToken ? state.book.rotate(refreshToken, ex.at) : null;
  if (!rotated?.ok) {
    if (rotated?.reuse) state.stats.refreshReuse += 1;
    return oauthError(400, 'invalid_grant', 'Refresh token not found or invalid');
  }
  const account = state.book.must(rotated.email);
  const refreshTtlS = state.book.refreshTtlS;
  const body = {
    token_type: 'Bearer',
    access_token: rotated.pair.accessToken,
    refresh_token: rotated.pair.refreshToken,
    expires_in: state.book.accessTtlS,
    ...(refreshTtlS === null ? {} : { refresh_token_expires_in: refreshTtlS }),
    scope: typeof params.scope === 'string' && params.scope ? params.scope : account.scopes.join(' '),
    account: { uuid: account.uuid, email_address: account.email },
    organization: { uuid: account.orgUuid, name: `${account.email}'s Organization` },
  };
  return { status: 200, body };
}

function oauthError(status: number, error: string, description: string): Answer {
  return { status, body: { error, error_description: description } };
}

/** JSON (what Claude Code sends) or, tolerantly, a form body. */
function parseBody(text: string, contentType: string | null): Params | null {
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Params) : null;
  } catch {
    return null;
  }
}
