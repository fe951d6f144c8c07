/**
 * How a slot's cycle ends: which plans ask for I/O, what each final plan means for the health, what the
 * cache entry says after it, and two whole cycles driven through the planner with scripted answers.
 */
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../shared/domain/schedule';
import type { SlotHealth } from '../../../shared/domain/types';
import {
  type FinalPlan,
  getPlanOutcome,
  isIoPlan,
  planSlot,
  settleSlot,
} from '../../../shared/engine/plan/plan-slot';
import type { SlotEvent, SlotPlan, SlotPlanContext } from '../../../shared/engine/plan/types';
import { loginOk, MINUTE, makeContext, makeRun, NOW, TOKENS } from './builders';

const IO: SlotPlan[] = [
  { type: 'read_credentials' },
  { type: 'refresh_token', mode: 'delegate', reason: 'expired' },
  { type: 'fetch_usage' },
  { type: 'confirm_login_dead' },
  { type: 'fetch_profile' },
];

/** Each final plan, the outcome it records and the health a slot with fresh data then shows. */
const FINAL: [FinalPlan, string, SlotHealth][] = [
  [{ type: 'disabled' }, 'disabled', 'disabled'],
  [{ type: 'unreadable', malformed: true }, 'unreadable', 'no_credentials'],
  [{ type: 'unreadable', malformed: false }, 'unreadable', 'offline'],
  [{ type: 'stay_inactive', outcome: 'no_credentials' }, 'no_credentials', 'no_credentials'],
  [{ type: 'stay_inactive', outcome: 'login_dead' }, 'login_dead', 'login_dead'],
  [{ type: 'stay_inactive', outcome: 'skipped' }, 'skipped', 'ok'],
  [{ type: 'deactivate', reason: 'no_credentials' }, 'no_credentials', 'no_credentials'],
  [{ type: 'deactivate', reason: 'login_dead' }, 'login_dead', 'login_dead'],
  [{ type: 'use_observation' }, 'observed', 'ok'],
  [{ type: 'back_off' }, 'backing_off', 'rate_limited'],
  [{ type: 'skip', reason: 'not_due' }, 'skipped', 'ok'],
  [{ type: 'skip', reason: 'over_budget' }, 'skipped', 'ok'],
  [{ type: 'wait_for_token' }, 'token_expired', 'token_expired'],
  [{ type: 'call_failed', kind: 'rate_limited' }, 'failed', 'rate_limited'],
  [{ type: 'call_failed', kind: 'server_error' }, 'failed', 'offline'],
  [{ type: 'fetched' }, 'fetched', 'ok'],
];

describe('final plans', () => {
  it('exactly the I/O plans ask the executor for work', () => {
    for (const plan of IO) expect(isIoPlan(plan)).toBe(true);
    for (const [plan] of FINAL) expect(isIoPlan(plan)).toBe(false);
  });

  it.each(FINAL.map(([plan, outcome, health]) => [plan.type, plan, outcome, health] as const))(
    '%s → outcome and health',
    (_name, plan, outcome, health) => {
      expect(getPlanOutcome(plan).type).toBe(outcome);
      const run = makeRun({ entry: { last_fetched: NOW - MINUTE } });
      expect(settleSlot(makeContext(), run, plan, NOW).entry.health).toBe(health);
    },
  );

  it('a skipped cycle keeps a standing transient health; otherwise old data shows stale', () => {
    const run = makeRun({ entry: { last_fetched: NOW - 11 * MINUTE } });
    const skip: FinalPlan = { type: 'skip', reason: 'not_due' };
    expect(settleSlot(makeContext({ prevHealth: 'offline' }), run, skip, NOW).entry.health).toBe('offline');
    expect(settleSlot(makeContext({ prevHealth: 'ok' }), run, skip, NOW).entry.health).toBe('stale');
  });

  it('the entry shows the status, the trailing-hour requests, the back-off end and the first-seen time', () => {
    const backoff = { until: NOW + 5 * MINUTE, streak: 1, last_delay_ms: 300_000 };
    const run = makeRun({
      status: 'inactive',
      state: { requests: [NOW - HOUR_MS - 1, NOW - MINUTE, NOW], backoff, login_seen_at: NOW - 42 },
    });
    const settled = settleSlot(makeContext(), run, { type: 'back_off' }, NOW);
    expect(settled.status).toBe('inactive');
    expect(settled.entry).toMatchObject({
      status: 'inactive',
      requests_last_hour: 2,
      next_attempt_at: NOW + 5 * MINUTE,
      login_seen_at: NOW - 42,
    });
    expect(settled.state).toBe(run.state);
    const after = settleSlot(makeContext(), run, { type: 'back_off' }, NOW + 6 * MINUTE);
    expect(after.entry.next_attempt_at).toBeNull();
  });

  it('offline: the entry shows when the call is tried again; once due, or healthy, it shows none', () => {
    const run = makeRun({ state: { next_due_at: NOW + 2 * MINUTE, failure_streak: 2 } });
    const failed: FinalPlan = { type: 'call_failed', kind: 'offline' };
    expect(settleSlot(makeContext(), run, failed, NOW).entry).toMatchObject({
      health: 'offline',
      next_attempt_at: NOW + 2 * MINUTE,
    });
    expect(settleSlot(makeContext(), run, failed, NOW + 3 * MINUTE).entry.next_attempt_at).toBeNull();
    const fetched = settleSlot(makeContext(), run, { type: 'fetched' }, NOW);
    expect(fetched.entry).toMatchObject({ health: 'ok', next_attempt_at: null });
  });
});

/** Drives the planner as the executor does, answering each I/O plan from `answers`. */
function drive(
  ctx: SlotPlanContext,
  answers: Partial<Record<SlotPlan['type'], SlotEvent>>,
  start = makeRun(),
) {
  let run = start;
  let event: SlotEvent = { type: 'start' };
  const plans: string[] = [];
  for (;;) {
    const step = planSlot(ctx, run, event, NOW);
    run = step.run;
    plans.push(step.plan.type);
    if (!isIoPlan(step.plan)) return { plans, result: settleSlot(ctx, run, step.plan, NOW) };
    const answer = answers[step.plan.type];
    if (!answer) throw new Error(`no scripted answer for ${step.plan.type}`);
    event = answer;
  }
}

describe('whole cycles through the planner', () => {
  it('expired token, unknown email: read → refresh → fetch → profile → fetched', () => {
    const fresh = { ...TOKENS, expiresAt: NOW + 8 * HOUR_MS };
    const { plans, result } = drive(
      makeContext({ knownEmail: null }),
      {
        read_credentials: { type: 'credentials', credentials: loginOk('fp-1', true) },
        refresh_token: {
          type: 'token_refresh',
          outcome: { type: 'refreshed', by: 'claude', tokens: fresh },
          fingerprint: 'fp-2',
        },
        fetch_usage: {
          type: 'usage',
          jitter: 0.5,
          result: {
            ok: true,
            status: 200,
            snapshot: { five_hour: null, seven_day: null, weekly_by_model: [], extra_usage: null },
          },
        },
        fetch_profile: { type: 'profile', email: 'learned@example.com' },
      },
      makeRun({ entry: { email: null } }),
    );
    expect(plans).toEqual(['read_credentials', 'refresh_token', 'fetch_usage', 'fetch_profile', 'fetched']);
    expect(result.entry).toMatchObject({ health: 'ok', email: 'learned@example.com', source: 'endpoint' });
    expect(result.state).toMatchObject({ cred_fingerprint: 'fp-2', requests: [NOW] });
  });

  it('expired token, dead login: read → refresh → confirm → deactivate (login_dead, inactive)', () => {
    const { plans, result } = drive(makeContext({ mode: 'locked' }), {
      read_credentials: { type: 'credentials', credentials: loginOk('fp-1', true) },
      refresh_token: {
        type: 'token_refresh',
        outcome: { type: 'login_dead', message: 'invalid_grant.' },
        fingerprint: null,
      },
      confirm_login_dead: { type: 'dead_login_read', fingerprint: 'fp-1' },
    });
    expect(plans).toEqual(['read_credentials', 'refresh_token', 'confirm_login_dead', 'deactivate']);
    expect(result.status).toBe('inactive');
    expect(result.entry).toMatchObject({ health: 'login_dead', status: 'inactive' });
    expect(result.state.inactive_fingerprint).toBe('fp-1');
    expect(result.state.requests).toEqual([]);
  });
});
