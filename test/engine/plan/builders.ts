/** Builders for the planner's tables: a slot's context, its run, and a login, with overrides. */
import { emptySlotState, type SlotEngineState } from '../../../shared/adapters/engine-state-store';
import { DEFAULT_SETTINGS, type OAuthTokens } from '../../../shared/domain/types';
import type { CredentialFacts, SlotPlanContext, SlotRun } from '../../../shared/engine/plan/types';
import { emptyCacheSlot } from '../../../shared/engine/slot-view';

export const NOW = 1_770_000_000_000;
export const MINUTE = 60_000;

export function makeContext(overrides: Partial<SlotPlanContext> = {}): SlotPlanContext {
  return {
    slot: { id: 'slot-1', config_dir: '/home/me/.claude-1', status: 'active', enabled: true },
    prevHealth: 'ok',
    observation: null,
    settings: { ...DEFAULT_SETTINGS },
    mode: 'delegate',
    force: false,
    knownEmail: 'one@example.com',
    storeDescription: 'the file /home/me/.claude-1/.credentials.json',
    looksLikeDefaultDir: false,
    ...overrides,
  };
}

export const TOKENS: OAuthTokens = {
  accessToken: 'sk-ant-oat01-test-plan',
  refreshToken: 'sk-ant-ort01-test-plan',
  expiresAt: NOW + 8 * 3_600_000,
  refreshTokenExpiresAt: NOW + 30 * 24 * 3_600_000,
  subscriptionType: 'max',
  rateLimitTier: 'default_claude_max_20x',
};

export function makeRun(
  overrides: {
    status?: SlotRun['status'];
    state?: Partial<SlotEngineState>;
    entry?: Partial<SlotRun['entry']>;
    refreshed?: boolean;
  } = {},
): SlotRun {
  const ctx = makeContext();
  return {
    status: overrides.status ?? 'active',
    // A slot seen before: its login known, due now, nothing in the last hour.
    state: {
      ...emptySlotState(),
      cred_fingerprint: 'fp-1',
      login_seen_at: NOW - 3_600_000,
      ...overrides.state,
    },
    entry: {
      ...emptyCacheSlot(ctx.slot),
      email: 'one@example.com',
      last_fetched: NOW - 6 * MINUTE,
      last_attempt: NOW - 6 * MINUTE,
      ...overrides.entry,
    },
    tokens: null,
    ...(overrides.refreshed ? { refreshed: true } : {}),
  };
}

export function loginOk(fingerprint = 'fp-1', accessExpired = false): CredentialFacts {
  return { state: 'ok', tokens: TOKENS, fingerprint, accessExpired };
}
