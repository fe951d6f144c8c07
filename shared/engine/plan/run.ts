/**
 * Small pure edits of a slot's run that several planning steps share: record an error, deactivate,
 * copy the login's facts into the cache entry, start a usage call.
 */
import type { ErrorKind, OAuthTokens } from '../../domain/types';
import type { PlanLog, PlanStep, SlotPlan, SlotRun } from './types';

/** A planning step with the plan and the log lines gathered so far. */
export function step(run: SlotRun, plan: SlotPlan, logs: PlanLog[] = []): PlanStep {
  return { run, plan, logs };
}

/** Records a failure on the entry (what the UI shows) and the log line that goes with it. */
export function withError(
  run: SlotRun,
  kind: ErrorKind,
  message: string,
  now: number,
): { run: SlotRun; log: PlanLog } {
  return {
    run: { ...run, entry: { ...run.entry, last_error: { kind, message, at: now } } },
    log: { level: kind === 'login_dead' ? 'error' : 'warn', message, fields: { kind } },
  };
}

/**
 * Deactivates an active slot (its status goes to the registry) and remembers what the store held, so
 * a changed login brings it back by itself (README: "Health").
 */
export function deactivate(
  run: SlotRun,
  slotId: string,
  reason: 'no_credentials' | 'login_dead',
  fingerprint: string,
  logs: PlanLog[],
): PlanStep {
  const plan: SlotPlan = { type: 'deactivate', reason };
  if (run.status !== 'active') return step(run, plan, logs);
  return step(
    { ...run, status: 'inactive', state: { ...run.state, inactive_fingerprint: fingerprint } },
    plan,
    [...logs, { level: 'error', message: `slot ${slotId} deactivated: ${reason}` }],
  );
}

/** The login's facts the cache shows (expiry, subscription); never a token. */
export function describeTokens(run: SlotRun, tokens: OAuthTokens): SlotRun {
  const entry = run.entry;
  return {
    ...run,
    tokens,
    entry: {
      ...entry,
      access_expires_at: tokens.expiresAt,
      login_expires_at: tokens.refreshTokenExpiresAt ?? null,
      subscription: tokens.subscriptionType ?? entry.subscription,
      rate_limit_tier: tokens.rateLimitTier ?? entry.rate_limit_tier,
    },
  };
}

/** The usage call starts now: it counts against the hourly budget from this moment. */
export function startFetch(run: SlotRun, now: number, logs: PlanLog[]): PlanStep {
  return step(
    {
      ...run,
      entry: { ...run.entry, last_attempt: now },
      state: { ...run.state, requests: [...run.state.requests, now] },
    },
    { type: 'fetch_usage' },
    logs,
  );
}
