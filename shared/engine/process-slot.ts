/**
 * One slot, one cycle: the executor of the refresh plan (plan/plan-slot.ts decides; this file only
 * does what the plan asks — read the login, refresh the token, call the endpoints — and reports back).
 * Failures stay inside the slot: this function never throws for a slot's own trouble.
 */
import { getTokenFingerprint, isAccessExpired, readCredentials } from '../adapters/credentials/credentials';
import { looksLikeDefaultDir } from '../adapters/credentials/slot-target';
import type { SlotEngineState } from '../adapters/engine-state-store';
import { fetchProfile } from '../adapters/http/profile-client';
import { fetchUsage } from '../adapters/http/usage-client';
import { claudeCodeUserAgent } from '../adapters/http/user-agent';
import { trimRequests } from '../domain/schedule';
import type { BrokerSettings, CacheSlot, SlotConfig, TokenRefreshMode } from '../domain/types';
import type { CredentialTarget } from '../ports/credential-store';
import type { EngineDeps } from './deps';
import { isIoPlan, planSlot, type SlotResult, settleSlot } from './plan/plan-slot';
import type {
  CredentialFacts,
  IoPlan,
  ObservationInput,
  SlotEvent,
  SlotPlanContext,
  SlotRun,
} from './plan/types';
import { carryOver } from './slot-view';
import { recoverRefreshJournal } from './token-refresh/recover-journal';
import { refreshToken } from './token-refresh/refresh-token';

export { FORCED_MIN_SPACING_MS, PROFILE_RETRY_MS } from './plan/plan-call';
export type { SlotResult } from './plan/plan-slot';
export type { ObservationInput } from './plan/types';

export interface SlotInput {
  slot: SlotConfig;
  target: CredentialTarget;
  prev: CacheSlot | undefined;
  state: SlotEngineState;
  observation: ObservationInput | null;
  settings: BrokerSettings;
  mode: TokenRefreshMode;
  /** `refresh now`: ignore the schedule (never the 429 back-off or the hourly budget). */
  force: boolean;
  /** Email from the registry or the config dir's .claude.json; null sends us to the profile endpoint. */
  knownEmail: string | null;
}

/** Processes one slot. `now` is read at each step: a slow call must not make its own result look old. */
export async function processSlot(
  deps: EngineDeps,
  input: SlotInput,
  now: () => number,
): Promise<SlotResult> {
  const { slot } = input;
  const ctx: SlotPlanContext = {
    slot,
    prevHealth: input.prev?.health ?? null,
    observation: input.observation,
    settings: input.settings,
    mode: input.mode,
    force: input.force,
    knownEmail: input.knownEmail,
    storeDescription: deps.store.describe(input.target),
    looksLikeDefaultDir: looksLikeDefaultDir(slot, deps.paths.defaultConfigDir, deps.paths.home),
  };
  let run: SlotRun = {
    status: slot.status,
    state: { ...input.state, requests: trimRequests(input.state.requests, now()) },
    entry: carryOver(slot, input.prev),
    tokens: null,
  };
  let event: SlotEvent = { type: 'start' };
  for (;;) {
    const next = planSlot(ctx, run, event, now());
    run = next.run;
    for (const line of next.logs) deps.logger[line.level](line.message, { slot: slot.id, ...line.fields });
    if (!isIoPlan(next.plan)) return settleSlot(ctx, run, next.plan, now());
    event = await perform(deps, input, run, next.plan, now);
  }
}

/** Carries out one I/O plan and reports what happened. */
async function perform(
  deps: EngineDeps,
  input: SlotInput,
  run: SlotRun,
  plan: IoPlan,
  now: () => number,
): Promise<SlotEvent> {
  switch (plan.type) {
    case 'read_credentials':
      // A refresh this broker journaled but did not store (a crash) is written back before anything reads.
      await recoverRefreshJournal(deps, input.target, now);
      return { type: 'credentials', credentials: await readFacts(deps, input.target, now) };
    case 'refresh_token': {
      const outcome = await refreshToken(
        deps,
        plan.mode,
        input.target,
        requireTokens(run),
        input.settings,
        now,
        plan.reason,
      );
      const fingerprint = outcome.type === 'refreshed' ? getTokenFingerprint(outcome.tokens) : null;
      return { type: 'token_refresh', outcome, fingerprint };
    }
    case 'confirm_login_dead': {
      const after = await readCredentials(deps.store, input.target);
      return { type: 'dead_login_read', fingerprint: after.state === 'ok' ? after.fingerprint : after.state };
    }
    case 'fetch_usage': {
      const result = await fetchUsage(callOptions(deps, input, requireTokens(run).accessToken));
      return { type: 'usage', result, jitter: deps.random() };
    }
    case 'fetch_profile': {
      const profile = await fetchProfile(callOptions(deps, input, requireTokens(run).accessToken));
      return { type: 'profile', email: profile.ok ? profile.email : null };
    }
  }
}

async function readFacts(
  deps: EngineDeps,
  target: CredentialTarget,
  now: () => number,
): Promise<CredentialFacts> {
  const cred = await readCredentials(deps.store, target);
  if (cred.state === 'unreadable')
    return { state: 'unreadable', error: cred.error, malformed: cred.cause === 'malformed' };
  if (cred.state !== 'ok') return cred;
  return { ...cred, accessExpired: isAccessExpired(cred.tokens, now()) };
}

function callOptions(deps: EngineDeps, input: SlotInput, accessToken: string) {
  return {
    apiBase: deps.paths.apiBase,
    accessToken,
    userAgent: claudeCodeUserAgent(deps.claudeVersion ?? undefined),
    timeoutMs: input.settings.request_timeout_s * 1000,
    fetch: deps.fetch,
  };
}

function requireTokens(run: SlotRun) {
  if (!run.tokens) throw new Error('planner bug: a call was planned before the login was read');
  return run.tokens;
}
