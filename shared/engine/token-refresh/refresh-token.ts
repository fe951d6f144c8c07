import type { BrokerSettings, OAuthTokens, TokenRefreshMode } from '../../domain/types';
import type { CredentialTarget } from '../../ports/credential-store';
import type { EngineDeps } from '../deps';
import type { RefreshingMode, RefreshReason } from '../plan/types';
import { delegateRefresh } from './delegate';
import { lockedRefresh } from './locked';
import type { TokenRefreshOutcome } from './types';

/**
 * Refreshes an access token in the given mode (docs/contracts.md "Token refresh modes"): because it
 * expired, or because the usage endpoint rejected `tokens` although they are valid locally (`rejected`:
 * always locked — see plan/types.ts). `never` never gets here: the planner waits for Claude Code instead.
 */
export async function refreshToken(
  deps: EngineDeps,
  mode: RefreshingMode,
  target: CredentialTarget,
  tokens: OAuthTokens,
  settings: BrokerSettings,
  now: () => number,
  reason: RefreshReason = 'expired',
): Promise<TokenRefreshOutcome> {
  switch (mode) {
    case 'delegate':
      return delegateRefresh(deps, target, tokens);
    case 'locked':
      return lockedRefresh(deps, target, settings.token_timeout_s * 1000, now, {
        rejectedAccessToken: reason === 'rejected' ? tokens.accessToken : null,
      });
  }
}

/** `auto` → delegate when a claude CLI was found, else locked. */
export function resolveRefreshMode(
  setting: BrokerSettings['token_refresh'],
  claudeBin: string | null,
): TokenRefreshMode {
  if (setting === 'auto') return claudeBin ? 'delegate' : 'locked';
  return setting;
}
