import type { IncomingMessage } from 'node:http';
import type { AccessCheck } from '../accounts';
import { type FakeState, header } from '../exchange';

export const CLAUDE_CODE_UA_PREFIX = 'claude-code/';
export const OAUTH_BETA = 'oauth-2025-04-20';

/** The access token of an `Authorization: Bearer …` header, checked against the book. */
export function checkBearer(state: FakeState, req: IncomingMessage, now: number): AccessCheck {
  const auth = header(req, 'authorization');
  const match = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return match ? state.book.checkAccess(match[1], now) : null;
}

/** The 401 body the API gives for each kind of bad access token. */
export function authErrorMessage(check: AccessCheck): string {
  if (check === null) return 'Invalid bearer token';
  if (check.state === 'expired')
    return 'OAuth token has expired. Please obtain a new token or refresh your existing token.';
  return 'OAuth token has been revoked. Please obtain a new token.';
}

/** True when the anthropic-beta header lists the OAuth beta. */
export function hasOAuthBeta(req: IncomingMessage): boolean {
  const beta = header(req, 'anthropic-beta') ?? '';
  return beta.split(',').some((part) => part.trim() === OAUTH_BETA);
}
