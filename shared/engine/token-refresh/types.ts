import type { OAuthTokens } from '../../domain/types';

/** What a token refresh attempt ended in; no variant carries a token except `refreshed`'s fresh copy. */
export type TokenRefreshOutcome =
  | { type: 'refreshed'; tokens: OAuthTokens; by: 'broker' | 'claude' | 'someone_else' }
  | { type: 'login_dead'; message: string }
  | { type: 'transient'; message: string }
  | { type: 'config'; message: string };
