/**
 * The planner's call decisions, one row per branch: with a readable login, whether to use a statusline
 * observation, wait (back-off, schedule, budget), refresh the token first (delegate, locked, never) or
 * call; then what a refresh outcome and a usage answer mean. In-process and pure.
 */
import { describe, expect, it } from 'vitest';
import type { SlotEngineState } from '../../../shared/adapters/engine-state-store';
import type { UsageResult } from '../../../shared/adapters/http/types';
import { RATE_LIMIT_MIN_BACKOFF_MS } from '../../../shared/domain/schedule';
import type { CacheSlot } from '../../../shared/domain/types';
import { FORCED_MIN_SPACING_MS, PROFILE_RETRY_MS } from '../../../shared/engine/plan/plan-call';
import { planSlot } from '../../../shared/engine/plan/plan-slot';
import type { SlotEvent, SlotPlan, SlotPlanContext } from '../../../shared/engine/plan/types';
import type { TokenRefreshOutcome } from '../../../shared/engine/token-refresh/types';
import { loginOk, MINUTE, makeContext, makeRun, NOW, TOKENS } from './builders';

interface Row {
  name: string;
  ctx?: Partial<SlotPlanContext>;
  run?: Parameters<typeof makeRun>[0];
  /** With a readable login when not given: `credentials` with an unexpired token. */
  event?: SlotEvent;
  plan: SlotPlan;
  state?: Partial<SlotEngineState>;
  entry?: Partial<CacheSlot>;
  logs?: [string, string][];
}

const five = { utilization: 37, resets_at: '2026-02-08T04:59:59+00:00' };
const week = { utilization: 51, resets_at: '2026-02-10T14:59:59+00:00' };
const observed = (ageMs: number, five_hour: typeof five | null = five) => ({
  observed_at: NOW - ageMs,
  five_hour,
  seven_day: week,
});
const expired: SlotEvent = { type: 'credentials', credentials: loginOk('fp-1', true) };
const withTokens = { tokens: TOKENS };
const refresh = (outcome: TokenRefreshOutcome, fingerprint: string | null = null): SlotEvent => ({
  type: 'token_refresh',
  outcome,
  fingerprint,
});
const usage = (result: UsageResult, jitter = 0.5): SlotEvent => ({ type: 'usage', result, jitter });
const snapshot = { five_hour: five, seven_day: week, weekly_by_model: [], extra_usage: null };
const fail = (
  kind: 'rate_limited' | 'server_error' | 'unauthorized' | 'timeout',
  retryAfterS: number | null = null,
) => usage({ ok: false, kind, status: null, retryAfterS, message: `Usage endpoint: ${kind}.` });

const CALL_ROWS: Row[] = [
  {
    name: 'a fresh statusline observation newer than the data → use it, no call',
    ctx: { observation: observed(MINUTE) },
    plan: { type: 'use_observation' },
    entry: { five_hour: five, seven_day: week, last_fetched: NOW - MINUTE, source: 'statusline' },
    state: { requests: [] },
  },
  {
    name: 'an observation without a 5-hour window keeps the last 5-hour numbers',
    ctx: { observation: observed(MINUTE, null) },
    run: { entry: { five_hour: { utilization: 3, resets_at: null } } },
    plan: { type: 'use_observation' },
    entry: { five_hour: { utilization: 3, resets_at: null }, seven_day: week },
  },
  {
    name: 'an observation older than observation_fresh_s → ignored, the slot is called',
    ctx: { observation: observed(301_000) },
    plan: { type: 'fetch_usage' },
  },
  {
    name: 'an observation older than the last fetch → ignored (endpoint numbers are newer)',
    ctx: { observation: observed(2 * MINUTE) },
    run: { entry: { last_fetched: NOW - MINUTE }, state: { next_due_at: NOW - 1 } },
    plan: { type: 'fetch_usage' },
  },
  {
    name: 'inside a 429 back-off → back off, even when forced',
    ctx: { force: true },
    run: { state: { backoff: { until: NOW + MINUTE, streak: 1, last_delay_ms: 300_000 } } },
    plan: { type: 'back_off' },
  },
  {
    name: 'a back-off that has ended → called',
    run: { state: { backoff: { until: NOW - 1, streak: 1, last_delay_ms: 300_000 } } },
    plan: { type: 'fetch_usage' },
  },
  {
    name: 'not due yet → skip',
    run: { state: { next_due_at: NOW + MINUTE } },
    plan: { type: 'skip', reason: 'not_due' },
  },
  {
    name: 'not due, but `refresh now` → called',
    ctx: { force: true },
    run: { state: { next_due_at: NOW + MINUTE } },
    plan: { type: 'fetch_usage' },
  },
  {
    name: '`refresh now` within 10 s of the last call → skip (that answer stands)',
    ctx: { force: true },
    run: { state: { next_due_at: NOW + MINUTE }, entry: { last_attempt: NOW - FORCED_MIN_SPACING_MS + 1 } },
    plan: { type: 'skip', reason: 'not_due' },
  },
  {
    name: 'the hourly budget spent → skip with a warning, even when forced',
    ctx: { force: true, settings: { ...makeContext().settings, max_calls_per_hour: 2 } },
    run: { state: { requests: [NOW - 20 * MINUTE, NOW - 10 * MINUTE] } },
    plan: { type: 'skip', reason: 'over_budget' },
    logs: [['warn', 'usage call skipped: 2 calls in the last hour already']],
  },
  {
    name: 'due with a valid token → fetch, the attempt counted against the budget',
    run: { state: { next_due_at: NOW, requests: [NOW - 10 * MINUTE] } },
    plan: { type: 'fetch_usage' },
    state: { requests: [NOW - 10 * MINUTE, NOW] },
    entry: { last_attempt: NOW },
  },
  {
    name: 'expired token, delegate → refresh token (delegate) then fetch; nothing counted yet',
    event: expired,
    plan: { type: 'refresh_token', mode: 'delegate', reason: 'expired' },
    state: { requests: [] },
    entry: { last_attempt: NOW },
  },
  {
    name: 'expired token, locked → refresh token (locked) then fetch',
    ctx: { mode: 'locked' },
    event: expired,
    plan: { type: 'refresh_token', mode: 'locked', reason: 'expired' },
  },
  {
    name: 'expired token, never → wait for Claude Code, retry on the failure schedule',
    ctx: { mode: 'never' },
    event: expired,
    plan: { type: 'wait_for_token' },
    state: { failure_streak: 1, next_due_at: NOW + 60_000, requests: [] },
    entry: {
      last_attempt: NOW,
      last_error: {
        kind: 'refresh_failed',
        message: 'The access token expired; waiting for Claude Code to refresh it (token_refresh: never).',
        at: NOW,
      },
    },
    logs: [['warn', 'token_refresh: never']],
  },
  {
    name: 'expired token but a fresh observation → the observation, no refresh',
    ctx: { observation: observed(MINUTE) },
    event: expired,
    plan: { type: 'use_observation' },
  },
];

const AFTER_ROWS: Row[] = [
  {
    name: 'refreshed by Claude Code → fetch with the new login, its fingerprint remembered',
    run: { ...withTokens, state: { requests: [] } },
    event: refresh(
      { type: 'refreshed', by: 'claude', tokens: { ...TOKENS, expiresAt: NOW + 9 * 3_600_000 } },
      'fp-new',
    ),
    plan: { type: 'fetch_usage' },
    state: { cred_fingerprint: 'fp-new', requests: [NOW] },
    entry: { access_expires_at: NOW + 9 * 3_600_000, last_attempt: NOW },
    logs: [['info', 'access token refreshed (by claude)']],
  },
  {
    name: 'refresh says the login is dead → confirm by re-reading the store',
    event: refresh({ type: 'login_dead', message: 'The token endpoint rejected the stored refresh token.' }),
    plan: { type: 'confirm_login_dead' },
    entry: {
      last_error: {
        kind: 'login_dead',
        message: 'The token endpoint rejected the stored refresh token. Run: quota-broker relogin slot-1',
        at: NOW,
      },
    },
    logs: [['error', 'Run: quota-broker relogin slot-1']],
  },
  {
    name: 'the dead login read back → deactivate (login_dead), remembering what the store holds',
    event: { type: 'dead_login_read', fingerprint: 'logged_out' },
    plan: { type: 'deactivate', reason: 'login_dead' },
    state: { inactive_fingerprint: 'logged_out' },
    logs: [['error', 'slot slot-1 deactivated: login_dead']],
  },
  {
    name: 'a transient refresh failure → wait, retry on the failure schedule (streak grows)',
    run: { state: { failure_streak: 2 } },
    event: refresh({ type: 'transient', message: 'claude auth status did not refresh the token (exit 1).' }),
    plan: { type: 'wait_for_token' },
    state: { failure_streak: 3, next_due_at: NOW + 240_000 },
    entry: {
      last_error: { kind: 'refresh_failed', message: expect.stringContaining('exit 1') as never, at: NOW },
    },
    logs: [['warn', 'did not refresh']],
  },
  {
    name: 'a configuration problem (invalid_client, no claude CLI) → wait, error kind config',
    event: refresh({ type: 'config', message: 'invalid_client' }),
    plan: { type: 'wait_for_token' },
    state: { failure_streak: 1 },
    entry: { last_error: { kind: 'config', message: 'invalid_client', at: NOW } },
    logs: [['warn', 'invalid_client']],
  },
  {
    name: 'usage answered, email known → fetched; back-off and streak cleared, next due one interval on',
    run: { state: { failure_streak: 3, backoff: { until: NOW - 1, streak: 2, last_delay_ms: 450_000 } } },
    event: usage({ ok: true, snapshot, status: 200 }),
    plan: { type: 'fetched' },
    state: { failure_streak: 0, backoff: null, next_due_at: NOW + 300_000 },
    entry: { five_hour: five, seven_day: week, last_fetched: NOW, source: 'endpoint' },
    logs: [['info', 'usage fetched']],
  },
  {
    name: 'jitter moves the next due time by up to ±10 % of the interval',
    event: usage({ ok: true, snapshot, status: 200 }, 0),
    plan: { type: 'fetched' },
    state: { next_due_at: NOW + 270_000 },
    logs: [['info', 'usage fetched']],
  },
  {
    name: 'usage answered, no email anywhere → ask the profile endpoint (once a day)',
    ctx: { knownEmail: null },
    run: { entry: { email: null } },
    event: usage({ ok: true, snapshot, status: 200 }),
    plan: { type: 'fetch_profile' },
    state: { profile_checked_at: NOW },
    logs: [['info', 'usage fetched']],
  },
  {
    name: 'usage answered, the entry names no email but the registry or .claude.json does → no profile call',
    ctx: { knownEmail: 'one@example.com' },
    run: { entry: { email: null } },
    event: usage({ ok: true, snapshot, status: 200 }),
    plan: { type: 'fetched' },
    logs: [['info', 'usage fetched']],
  },
  {
    name: 'usage answered, no email, the profile already named one → that email, no call',
    ctx: { knownEmail: null },
    run: { entry: { email: null }, state: { profile_email: 'learned@example.com' } },
    event: usage({ ok: true, snapshot, status: 200 }),
    plan: { type: 'fetched' },
    entry: { email: 'learned@example.com' },
    logs: [['info', 'usage fetched']],
  },
  {
    name: 'usage answered, no email, the profile was asked within a day → no call',
    ctx: { knownEmail: null },
    run: { entry: { email: null }, state: { profile_checked_at: NOW - PROFILE_RETRY_MS + 1 } },
    event: usage({ ok: true, snapshot, status: 200 }),
    plan: { type: 'fetched' },
    entry: { email: null },
    logs: [['info', 'usage fetched']],
  },
  {
    name: 'the profile names the account → remembered and shown',
    event: { type: 'profile', email: 'found@example.com' },
    plan: { type: 'fetched' },
    state: { profile_email: 'found@example.com' },
    entry: { email: 'found@example.com' },
  },
  {
    name: 'the profile names nobody → fetched all the same',
    run: { entry: { email: null } },
    event: { type: 'profile', email: null },
    plan: { type: 'fetched' },
    entry: { email: null },
  },
  {
    name: '429 → back off max(Retry-After, 300 s); the next due time is its end',
    event: fail('rate_limited', 0),
    plan: { type: 'call_failed', kind: 'rate_limited' },
    state: {
      backoff: {
        until: NOW + RATE_LIMIT_MIN_BACKOFF_MS,
        streak: 1,
        last_delay_ms: RATE_LIMIT_MIN_BACKOFF_MS,
      },
      next_due_at: NOW + RATE_LIMIT_MIN_BACKOFF_MS,
      failure_streak: 0,
    },
    entry: { last_error: { kind: 'rate_limited', message: 'Usage endpoint: rate_limited.', at: NOW } },
    logs: [['warn', 'rate_limited']],
  },
  {
    name: 'a second 429 → the back-off grows ×1.5',
    run: { state: { backoff: { until: NOW - 1, streak: 1, last_delay_ms: 300_000 } } },
    event: fail('rate_limited', null),
    plan: { type: 'call_failed', kind: 'rate_limited' },
    state: { backoff: { until: NOW + 450_000, streak: 2, last_delay_ms: 450_000 } },
    logs: [['warn', 'rate_limited']],
  },
  {
    name: '5xx → retry after 60 s, doubling per failure; last numbers kept',
    run: { entry: { five_hour: five } },
    event: fail('server_error'),
    plan: { type: 'call_failed', kind: 'server_error' },
    state: { failure_streak: 1, next_due_at: NOW + 60_000, backoff: null },
    entry: { five_hour: five, last_fetched: NOW - 6 * MINUTE },
    logs: [['warn', 'server_error']],
  },
  {
    name: 'a timeout after two failures → the third retry waits 240 s',
    run: { state: { failure_streak: 2 } },
    event: fail('timeout'),
    plan: { type: 'call_failed', kind: 'timeout' },
    state: { failure_streak: 3, next_due_at: NOW + 240_000 },
    logs: [['warn', 'timeout']],
  },
  {
    name: '401 with a locally valid token (the server ended the session) → refresh the token (locked), not recommended meanwhile',
    event: fail('unauthorized'),
    plan: { type: 'refresh_token', mode: 'locked', reason: 'rejected' },
    state: { failure_streak: 0 },
    entry: { token_rejected_at: NOW, last_error: expect.objectContaining({ kind: 'unauthorized', at: NOW }) },
    logs: [['warn', 'refused the access token (401) although it is valid locally']],
  },
  {
    name: '401 in delegate mode → the locked path too (claude auth status would not refresh a valid token)',
    ctx: { mode: 'delegate' },
    event: fail('unauthorized'),
    plan: { type: 'refresh_token', mode: 'locked', reason: 'rejected' },
    logs: [['warn', '(401)']],
  },
  {
    name: '403 with a locally valid token → the same refresh path',
    event: usage({
      ok: false,
      kind: 'forbidden',
      status: 403,
      retryAfterS: null,
      message: 'Usage endpoint: 403.',
    }),
    plan: { type: 'refresh_token', mode: 'locked', reason: 'rejected' },
    entry: { token_rejected_at: NOW, last_error: expect.objectContaining({ kind: 'forbidden', at: NOW }) },
    logs: [['warn', '(403)']],
  },
  {
    name: '401 with token_refresh: never → wait for Claude Code (token expired health), never deactivated',
    ctx: { mode: 'never' },
    event: fail('unauthorized'),
    plan: { type: 'wait_for_token' },
    state: { failure_streak: 1 },
    entry: {
      token_rejected_at: NOW,
      last_error: expect.objectContaining({ kind: 'refresh_failed', at: NOW }),
    },
    logs: [['warn', 'token_refresh: never']],
  },
  {
    name: '401 again right after this cycle refreshed the token → a failed call, no second refresh',
    run: { refreshed: true },
    event: fail('unauthorized'),
    plan: { type: 'call_failed', kind: 'unauthorized' },
    state: { failure_streak: 1 },
    logs: [['warn', 'unauthorized']],
  },
  {
    name: 'a success after a rejection clears it (the slot may be recommended again)',
    run: { entry: { token_rejected_at: NOW - MINUTE } },
    event: usage({ ok: true, status: 200, snapshot }),
    plan: { type: 'fetched' },
    entry: { token_rejected_at: null, last_fetched: NOW },
    logs: [['info', 'usage fetched']],
  },
];

function check(row: Row) {
  const before = makeRun(row.run);
  const frozen = structuredClone(before);
  const event = row.event ?? { type: 'credentials', credentials: loginOk() };
  const step = planSlot(makeContext(row.ctx), before, event, NOW);
  expect(step.plan).toEqual(row.plan);
  if (row.state) expect(step.run.state).toMatchObject(row.state);
  if (row.entry) expect(step.run.entry).toMatchObject(row.entry);
  const logs = row.logs ?? [];
  expect(step.logs.map((l) => l.level)).toEqual(logs.map(([level]) => level));
  for (const [i, [, text]] of logs.entries()) expect(step.logs[i].message).toContain(text);
  expect(before).toEqual(frozen);
  expect(JSON.stringify(step.logs)).not.toContain('sk-ant-');
}

describe('planSlot: whether and how to call', () => {
  it.each(CALL_ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => check(row));
});

describe('planSlot: what a refresh or a usage answer means', () => {
  it.each(AFTER_ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => check(row));
});
