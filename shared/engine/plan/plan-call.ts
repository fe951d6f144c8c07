/**
 * Whether a usage call is due and allowed, and what its answer (or the token refresh before it) means
 * (README: "Health", "Token refresh, safely beside Claude Code"). Pure: the executor makes the calls
 * and reports back.
 */
import type { HttpFailure } from '../../adapters/http/types';
import {
  hasBudget,
  isBackingOff,
  isDue,
  nextDueAfterFailure,
  nextDueAfterSuccess,
  nextRateLimitBackoff,
} from '../../domain/schedule';
import type { UsageSnapshot } from '../../domain/types';
import type { TokenRefreshOutcome } from '../token-refresh/types';
import { deactivate, describeTokens, startFetch, step, withError } from './run';
import type { PlanLog, PlanStep, SlotPlanContext, SlotRun } from './types';

/** `refresh now` within this long of the last call reuses that call's answer (a second engine, a double click). */
export const FORCED_MIN_SPACING_MS = 10_000;
/** How often to ask the profile endpoint for an email nothing else names. */
export const PROFILE_RETRY_MS = 24 * 3_600_000;

/** With a readable login: use an observation, wait, or call (refreshing the token first when it expired). */
export function planCall(
  ctx: SlotPlanContext,
  run: SlotRun,
  accessExpired: boolean,
  now: number,
  logs: PlanLog[],
): PlanStep {
  const { settings } = ctx;
  const { entry, state } = run;
  const obs = ctx.observation;
  if (
    obs &&
    now - obs.observed_at <= settings.observation_fresh_s * 1000 &&
    obs.observed_at > (entry.last_fetched ?? 0)
  ) {
    const observed = {
      ...entry,
      five_hour: obs.five_hour ?? entry.five_hour,
      seven_day: obs.seven_day ?? entry.seven_day,
      last_fetched: obs.observed_at,
      source: 'statusline' as const,
    };
    return step({ ...run, entry: observed }, { type: 'use_observation' }, logs);
  }
  if (isBackingOff(state.backoff, now)) return step(run, { type: 'back_off' }, logs);
  const justFetched = entry.last_attempt != null && now - entry.last_attempt < FORCED_MIN_SPACING_MS;
  const forced = ctx.force && !justFetched;
  if (!forced && !isDue(state.next_due_at, now, settings.refresh_interval_s))
    return step(run, { type: 'skip', reason: 'not_due' }, logs);
  if (!hasBudget(state.requests, now, settings.max_calls_per_hour)) {
    const message = `usage call skipped: ${settings.max_calls_per_hour} calls in the last hour already`;
    return step(run, { type: 'skip', reason: 'over_budget' }, [...logs, { level: 'warn', message }]);
  }
  if (!accessExpired) return startFetch(run, now, logs);
  const attempted = { ...run, entry: { ...entry, last_attempt: now } };
  if (ctx.mode === 'never') {
    const message = 'The access token expired; waiting for Claude Code to refresh it (token_refresh: never).';
    return waitForToken(ctx, attempted, 'refresh_failed', message, now, logs);
  }
  return step(attempted, { type: 'refresh_token', mode: ctx.mode, reason: 'expired' }, logs);
}

/** What the token refresh ended in decides: fetch with the new token, wait, or call the login dead. */
export function planAfterRefresh(
  ctx: SlotPlanContext,
  run: SlotRun,
  outcome: TokenRefreshOutcome,
  fingerprint: string | null,
  now: number,
): PlanStep {
  switch (outcome.type) {
    case 'login_dead': {
      const message = `${outcome.message} Run: quota-broker relogin ${ctx.slot.id}`;
      const failed = withError(run, 'login_dead', message, now);
      return step(failed.run, { type: 'confirm_login_dead' }, [failed.log]);
    }
    case 'refreshed': {
      const log: PlanLog = { level: 'info', message: `access token refreshed (by ${outcome.by})` };
      const refreshed = describeTokens(
        { ...run, refreshed: true, state: { ...run.state, cred_fingerprint: fingerprint } },
        outcome.tokens,
      );
      return startFetch(refreshed, now, [log]);
    }
    case 'config':
      return waitForToken(ctx, run, 'config', outcome.message, now, []);
    case 'transient':
      return waitForToken(ctx, run, 'refresh_failed', outcome.message, now, []);
  }
}

/** The refresh found the login dead; the store now holds `fingerprint` (a stub, or the dead login). */
export function planDeadLogin(ctx: SlotPlanContext, run: SlotRun, fingerprint: string): PlanStep {
  return deactivate(run, ctx.slot.id, 'login_dead', fingerprint, []);
}

/** The usage answer: new numbers and the next due time, or a failure and when to try again. */
export function planAfterUsage(
  ctx: SlotPlanContext,
  run: SlotRun,
  result: { ok: true; snapshot: UsageSnapshot } | HttpFailure,
  jitter: number,
  now: number,
): PlanStep {
  const interval = ctx.settings.refresh_interval_s;
  if (result.ok) {
    const fetched: SlotRun = {
      ...run,
      entry: {
        ...run.entry,
        ...result.snapshot,
        last_fetched: now,
        source: 'endpoint',
        token_rejected_at: null,
      },
      state: {
        ...run.state,
        backoff: null,
        failure_streak: 0,
        next_due_at: nextDueAfterSuccess(now, interval, jitter),
      },
    };
    const log: PlanLog = {
      level: 'info',
      message: 'usage fetched',
      fields: { five_hour: result.snapshot.five_hour?.utilization ?? null },
    };
    return planEmail(ctx, fetched, now, [log]);
  }
  if ((result.kind === 'unauthorized' || result.kind === 'forbidden') && !run.refreshed)
    return planAfterRejection(ctx, run, result.kind, result.message, now);
  const failed = withError(run, result.kind, result.message, now);
  const state = { ...failed.run.state };
  if (result.kind === 'rate_limited') {
    state.backoff = nextRateLimitBackoff(state.backoff, result.retryAfterS, now);
    state.next_due_at = state.backoff.until;
  } else {
    state.failure_streak += 1;
    state.next_due_at = nextDueAfterFailure(now, interval, state.failure_streak);
  }
  return step({ ...failed.run, state }, { type: 'call_failed', kind: result.kind }, [failed.log]);
}

/**
 * The usage endpoint refused a token that is valid locally (the server ended the session — the original
 * incident's cause): find out at once through the refresh path, never by deactivating. The slot is not
 * recommended until a call succeeds again (`token_rejected_at`, read by the slot state). `claude auth
 * status` cannot find this out (it sees a valid token and does nothing), so delegate mode takes the locked
 * path here: Claude Code's own lock protocol, as safe as a second Claude Code process.
 */
function planAfterRejection(
  ctx: SlotPlanContext,
  run: SlotRun,
  kind: 'unauthorized' | 'forbidden',
  message: string,
  now: number,
): PlanStep {
  const status = kind === 'unauthorized' ? 401 : 403;
  const text = `The usage endpoint refused the access token (${status}) although it is valid locally: the session may have been ended on the server. ${message}`;
  const failed = withError(run, kind, text, now);
  const rejected: SlotRun = { ...failed.run, entry: { ...failed.run.entry, token_rejected_at: now } };
  if (ctx.mode === 'never') {
    return waitForToken(
      ctx,
      rejected,
      'refresh_failed',
      `${text} Waiting for Claude Code to refresh it (token_refresh: never).`,
      now,
      [],
    );
  }
  return step(rejected, { type: 'refresh_token', mode: 'locked', reason: 'rejected' }, [failed.log]);
}

/** The profile endpoint's answer (asked only when nothing else names the account). */
export function planAfterProfile(run: SlotRun, email: string | null): PlanStep {
  if (!email) return step(run, { type: 'fetched' });
  return step(
    { ...run, entry: { ...run.entry, email }, state: { ...run.state, profile_email: email } },
    { type: 'fetched' },
  );
}

/** Email of last resort: the profile endpoint, at most once a day, only when nothing else names it. */
function planEmail(ctx: SlotPlanContext, run: SlotRun, now: number, logs: PlanLog[]): PlanStep {
  const { entry, state } = run;
  if (entry.email || ctx.knownEmail) return step(run, { type: 'fetched' }, logs);
  if (state.profile_email)
    return step({ ...run, entry: { ...entry, email: state.profile_email } }, { type: 'fetched' }, logs);
  if (state.profile_checked_at != null && now - state.profile_checked_at < PROFILE_RETRY_MS)
    return step(run, { type: 'fetched' }, logs);
  return step({ ...run, state: { ...state, profile_checked_at: now } }, { type: 'fetch_profile' }, logs);
}

/** A refresh that did not happen now: record why and retry on the failure schedule. */
function waitForToken(
  ctx: SlotPlanContext,
  run: SlotRun,
  kind: 'config' | 'refresh_failed',
  message: string,
  now: number,
  logs: PlanLog[],
): PlanStep {
  const failed = withError(run, kind, message, now);
  const streak = failed.run.state.failure_streak + 1;
  const state = {
    ...failed.run.state,
    failure_streak: streak,
    next_due_at: nextDueAfterFailure(now, ctx.settings.refresh_interval_s, streak),
  };
  return step({ ...failed.run, state }, { type: 'wait_for_token' }, [...logs, failed.log]);
}
