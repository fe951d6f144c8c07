/**
 * The planner's first decisions, one row per branch: what the stored login says about a slot before
 * any call (disabled, unreadable, inactive and unchanged, back in service, deactivated, or on to the
 * call). In-process, no files, no network: the planner is a pure function.
 */
import { describe, expect, it } from 'vitest';
import type { SlotEngineState } from '../../../shared/adapters/engine-state-store';
import type { CacheSlot, SlotStatus } from '../../../shared/domain/types';
import { planSlot } from '../../../shared/engine/plan/plan-slot';
import type { CredentialFacts, SlotPlan, SlotPlanContext } from '../../../shared/engine/plan/types';
import { loginOk, makeContext, makeRun, NOW, TOKENS } from './builders';

interface Row {
  name: string;
  ctx?: Partial<SlotPlanContext>;
  run?: Parameters<typeof makeRun>[0];
  credentials: CredentialFacts;
  plan: SlotPlan;
  status: SlotStatus;
  state?: Partial<SlotEngineState>;
  entry?: Partial<CacheSlot>;
  /** Every log line, in order: level and a part of the message. */
  logs: [string, string][];
}

const relogin = 'Run: quota-broker relogin slot-1';
const inactive = (inactive_fingerprint: string | null) => ({
  status: 'inactive' as const,
  state: { inactive_fingerprint },
});

const ROWS: Row[] = [
  {
    name: 'broken credentials JSON → unreadable (malformed), error recorded, slot stays active',
    credentials: { state: 'unreadable', error: 'The file … is not valid JSON.', malformed: true },
    plan: { type: 'unreadable', malformed: true },
    status: 'active',
    entry: {
      last_error: { kind: 'credentials_unreadable', message: 'The file … is not valid JSON.', at: NOW },
    },
    logs: [['warn', 'not valid JSON']],
  },
  {
    name: 'a locked keychain → unreadable (not malformed): no re-login pushed',
    credentials: { state: 'unreadable', error: 'The keychain is locked.', malformed: false },
    plan: { type: 'unreadable', malformed: false },
    status: 'active',
    logs: [['warn', 'keychain is locked']],
  },
  {
    name: 'active, no login stored → deactivate (no_credentials), the store named, inactive remembers "absent"',
    credentials: { state: 'absent' },
    plan: { type: 'deactivate', reason: 'no_credentials' },
    status: 'inactive',
    state: { inactive_fingerprint: 'absent' },
    entry: {
      last_error: {
        kind: 'no_credentials',
        message: `No Claude Code login found (the file /home/me/.claude-1/.credentials.json). ${relogin}`,
        at: NOW,
      },
    },
    logs: [
      ['warn', 'No Claude Code login found'],
      ['error', 'slot slot-1 deactivated: no_credentials'],
    ],
  },
  {
    name: 'no login in what looks like the default dir → the message suggests `default: true`',
    ctx: { looksLikeDefaultDir: true },
    credentials: { state: 'absent' },
    plan: { type: 'deactivate', reason: 'no_credentials' },
    status: 'inactive',
    logs: [
      ['warn', 'mark the slot `default: true` in the registry'],
      ['error', 'deactivated: no_credentials'],
    ],
  },
  {
    name: 'active, logged-out stub stored → deactivate (login_dead), inactive remembers "logged_out"',
    credentials: { state: 'logged_out' },
    plan: { type: 'deactivate', reason: 'login_dead' },
    status: 'inactive',
    state: { inactive_fingerprint: 'logged_out' },
    entry: {
      last_error: {
        kind: 'login_dead',
        message: `The login was logged out (empty credentials stored). ${relogin}`,
        at: NOW,
      },
    },
    logs: [
      ['error', 'logged out'],
      ['error', 'slot slot-1 deactivated: login_dead'],
    ],
  },
  {
    name: 'inactive, still no login → stays inactive (no_credentials), first sight remembered',
    run: inactive(null),
    credentials: { state: 'absent' },
    plan: { type: 'stay_inactive', outcome: 'no_credentials' },
    status: 'inactive',
    state: { inactive_fingerprint: 'absent' },
    logs: [],
  },
  {
    name: 'inactive, still the stub → stays inactive (login_dead), no message repeated',
    run: inactive('logged_out'),
    credentials: { state: 'logged_out' },
    plan: { type: 'stay_inactive', outcome: 'login_dead' },
    status: 'inactive',
    entry: { last_error: null },
    logs: [],
  },
  {
    name: 'inactive after a dead refresh, same dead login still stored → stays login_dead',
    ctx: { prevHealth: 'login_dead' },
    run: inactive('fp-dead'),
    credentials: loginOk('fp-dead'),
    plan: { type: 'stay_inactive', outcome: 'login_dead' },
    status: 'inactive',
    logs: [],
  },
  {
    name: 'inactive (set by a person), login unchanged → skipped, no call',
    ctx: { prevHealth: 'stale' },
    run: inactive('fp-1'),
    credentials: loginOk('fp-1'),
    plan: { type: 'stay_inactive', outcome: 'skipped' },
    status: 'inactive',
    logs: [],
  },
  {
    name: 'inactive, first sight of a login → remembered, not taken as a change',
    ctx: { prevHealth: 'stale' },
    run: inactive(null),
    credentials: loginOk('fp-new'),
    plan: { type: 'stay_inactive', outcome: 'skipped' },
    status: 'inactive',
    state: { inactive_fingerprint: 'fp-new' },
    logs: [],
  },
  {
    name: 'inactive, the stored login changed (a re-login) → back in service and called at once',
    ctx: { prevHealth: 'login_dead' },
    run: {
      ...inactive('logged_out'),
      state: { inactive_fingerprint: 'logged_out', next_due_at: NOW + 600_000 },
    },
    credentials: loginOk('fp-new'),
    plan: { type: 'fetch_usage' },
    status: 'active',
    state: {
      inactive_fingerprint: null,
      next_due_at: null,
      login_seen_at: NOW,
      cred_fingerprint: 'fp-new',
      requests: [NOW],
    },
    entry: { last_attempt: NOW },
    logs: [['info', 'slot slot-1 is back in service: its stored credentials changed']],
  },
  {
    name: 'inactive, re-login seen but its token already expired → back in service, refresh first',
    run: inactive('logged_out'),
    credentials: loginOk('fp-new', true),
    plan: { type: 'refresh_token', mode: 'delegate', reason: 'expired' },
    status: 'active',
    logs: [['info', 'back in service']],
  },
  {
    name: 'inactive, the stub replaced by nothing → still no_credentials (no reactivation without a login)',
    run: inactive('logged_out'),
    credentials: { state: 'absent' },
    plan: { type: 'stay_inactive', outcome: 'no_credentials' },
    status: 'inactive',
    state: { inactive_fingerprint: 'logged_out' },
    logs: [],
  },
  {
    name: 'a login seen for the first time → its first-seen time starts now',
    run: { state: { cred_fingerprint: null, login_seen_at: null } },
    credentials: loginOk('fp-1'),
    plan: { type: 'fetch_usage' },
    status: 'active',
    state: { cred_fingerprint: 'fp-1', login_seen_at: NOW },
    logs: [],
  },
  {
    name: 'no fingerprint yet but a first-seen time on record → that time is kept',
    run: { state: { cred_fingerprint: null, login_seen_at: NOW - 7_000 } },
    credentials: loginOk('fp-1'),
    plan: { type: 'fetch_usage' },
    status: 'active',
    state: { cred_fingerprint: 'fp-1', login_seen_at: NOW - 7_000 },
    logs: [],
  },
  {
    name: 'a login already known → its first-seen time is kept, the login facts copied to the entry',
    run: { state: { login_seen_at: NOW - 5_000 }, entry: { subscription: 'pro' } },
    credentials: loginOk('fp-2'),
    plan: { type: 'fetch_usage' },
    status: 'active',
    state: { cred_fingerprint: 'fp-2', login_seen_at: NOW - 5_000 },
    entry: {
      access_expires_at: TOKENS.expiresAt,
      login_expires_at: TOKENS.refreshTokenExpiresAt,
      subscription: 'max',
      rate_limit_tier: 'default_claude_max_20x',
    },
    logs: [],
  },
];

describe('planSlot: the first decisions', () => {
  it('an enabled slot starts by reading its login; a disabled one is left alone', () => {
    const run = makeRun();
    expect(planSlot(makeContext(), run, { type: 'start' }, NOW).plan).toEqual({ type: 'read_credentials' });
    const off = makeContext({ slot: { ...makeContext().slot, enabled: false } });
    const step = planSlot(off, run, { type: 'start' }, NOW);
    expect(step.plan).toEqual({ type: 'disabled' });
    expect(step.run).toEqual(run);
    expect(step.logs).toEqual([]);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const before = makeRun(row.run);
    const frozen = structuredClone(before);
    const step = planSlot(
      makeContext(row.ctx),
      before,
      { type: 'credentials', credentials: row.credentials },
      NOW,
    );
    expect(step.plan).toEqual(row.plan);
    expect(step.run.status).toBe(row.status);
    if (row.state) expect(step.run.state).toMatchObject(row.state);
    if (row.entry) expect(step.run.entry).toMatchObject(row.entry);
    expect(step.logs.map((l) => l.level)).toEqual(row.logs.map(([level]) => level));
    for (const [i, [, text]] of row.logs.entries()) expect(step.logs[i].message).toContain(text);
    // Pure: the run it was given is untouched, and no token reaches a log line.
    expect(before).toEqual(frozen);
    expect(JSON.stringify(step.logs)).not.toContain('sk-ant-');
  });
});
