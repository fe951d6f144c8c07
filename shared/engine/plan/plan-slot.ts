/**
 * The refresh decision as data. `planSlot` takes what a slot's cycle knows so far (its run) and what
 * just happened (an event) and answers with the next plan: read the login, refresh the token then
 * fetch, fetch, use an observation, back off, skip, deactivate, … Pure: no I/O, `now` is an argument.
 * The executor (../process-slot.ts) carries each plan out and reports back until a plan ends the cycle;
 * `settleSlot` then names the slot's health.
 */

import type { SlotEngineState } from '../../adapters/engine-state-store';
import { getSlotHealth, type SlotOutcome } from '../../domain/health';
import { isBackingOff, trimRequests } from '../../domain/schedule';
import type { CacheSlot, SlotHealth, SlotStatus } from '../../domain/types';
import { planAfterProfile, planAfterRefresh, planAfterUsage, planDeadLogin } from './plan-call';
import { planCredentials, planStart } from './plan-credentials';
import type { IoPlan, PlanStep, SlotEvent, SlotPlan, SlotPlanContext, SlotRun } from './types';

/** The next plan for a slot, given its run so far and the event that just happened. */
export function planSlot(ctx: SlotPlanContext, run: SlotRun, event: SlotEvent, now: number): PlanStep {
  switch (event.type) {
    case 'start':
      return planStart(ctx, run);
    case 'credentials':
      return planCredentials(ctx, run, event.credentials, now);
    case 'token_refresh':
      return planAfterRefresh(ctx, run, event.outcome, event.fingerprint, now);
    case 'dead_login_read':
      return planDeadLogin(ctx, run, event.fingerprint);
    case 'usage':
      return planAfterUsage(ctx, run, event.result, event.jitter, now);
    case 'profile':
      return planAfterProfile(run, event.email);
  }
}

/** A plan that ends the slot's cycle (everything but a request for I/O). */
export type FinalPlan = Exclude<SlotPlan, IoPlan>;

/** True when the plan asks the executor for I/O; false when it ends the slot's cycle. */
export function isIoPlan(plan: SlotPlan): plan is IoPlan {
  switch (plan.type) {
    case 'read_credentials':
    case 'refresh_token':
    case 'fetch_usage':
    case 'confirm_login_dead':
    case 'fetch_profile':
      return true;
    default:
      return false;
  }
}

/** What a final plan means for the slot's health (domain/health.ts names it). */
export function getPlanOutcome(plan: FinalPlan): SlotOutcome {
  switch (plan.type) {
    case 'disabled':
      return { type: 'disabled' };
    case 'unreadable':
      return { type: 'unreadable', malformed: plan.malformed };
    case 'stay_inactive':
      return { type: plan.outcome };
    case 'deactivate':
      return { type: plan.reason };
    case 'use_observation':
      return { type: 'observed' };
    case 'back_off':
      return { type: 'backing_off' };
    case 'skip':
      return { type: 'skipped' };
    case 'wait_for_token':
      return { type: 'token_expired' };
    case 'call_failed':
      return { type: 'failed', kind: plan.kind };
    case 'fetched':
      return { type: 'fetched' };
  }
}

/** One slot's result of a cycle: its cache entry, its engine state and its (registry) status. */
export interface SlotResult {
  entry: CacheSlot;
  state: SlotEngineState;
  status: SlotStatus;
}

/** Ends a slot's cycle: health, request count and next attempt as the cache shows them. */
export function settleSlot(ctx: SlotPlanContext, run: SlotRun, plan: FinalPlan, now: number): SlotResult {
  const { state } = run;
  const health = getSlotHealth(
    getPlanOutcome(plan),
    ctx.prevHealth,
    run.entry.last_fetched,
    now,
    ctx.settings.stale_threshold_s,
  );
  const entry: CacheSlot = {
    ...run.entry,
    status: run.status,
    health,
    requests_last_hour: trimRequests(state.requests, now).length,
    next_attempt_at: getNextAttemptAt(state, health, now),
    login_seen_at: state.login_seen_at,
  };
  return { entry, state, status: run.status };
}

/**
 * When the next usage call will be tried, as the cache shows it (docs/contracts.md "The cache file"):
 * the end of a 429 back-off, or the retry after a network failure; null otherwise.
 */
function getNextAttemptAt(state: SlotRun['state'], health: SlotHealth, now: number): number | null {
  if (isBackingOff(state.backoff, now)) return state.backoff?.until ?? null;
  if (health === 'offline' && state.next_due_at != null && state.next_due_at > now) return state.next_due_at;
  return null;
}
