/** What the per-slot checks need to know about the whole setup. Pure. */
import type { TokenRefreshMode } from '../types';
import type { GlobalFacts } from './types';

export interface SlotContext {
  staleThresholdS: number;
  /** Logins expiring sooner than this are a warning (alerts.login_expiry_warn_days). */
  loginExpiryWarnMs: number;
  maxCallsPerHour: number;
  /** The refresh mode in effect (`auto` resolved). */
  mode: TokenRefreshMode;
  brokerAlive: boolean;
  registryPath: string;
}

/** `auto` means delegate when a `claude` CLI was found, else locked (docs/contracts.md "Token refresh modes"). */
export function getEffectiveRefreshMode(
  setting: GlobalFacts['tokenRefresh'],
  claudeBin: string | null,
): TokenRefreshMode {
  if (setting === 'auto') return claudeBin ? 'delegate' : 'locked';
  return setting;
}

/** The per-slot context from the global facts. */
export function getSlotContext(g: GlobalFacts): SlotContext {
  return {
    staleThresholdS: g.staleThresholdS,
    loginExpiryWarnMs: g.loginExpiryWarnDays * 86_400_000,
    maxCallsPerHour: g.maxCallsPerHour,
    mode: getEffectiveRefreshMode(g.tokenRefresh, g.claudeBin),
    brokerAlive: g.broker.alive,
    registryPath: g.registry.path,
  };
}

/** The fix when nothing polls (one sentence for every surface: domain/broker-advice.ts). */
export { START_BROKER_FIX } from '../broker-advice';

/** The fix for a login only a person can bring back. */
export function reloginFix(id: string): string {
  return `run: quota-broker relogin ${id}`;
}
