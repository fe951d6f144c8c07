import { describe, expect, it } from 'vitest';
import { getSlotContext } from '../../../shared/domain/doctor/slot-context';
import { getSlotFindings } from '../../../shared/domain/doctor/slot-findings';
import type { SlotFacts } from '../../../shared/domain/doctor/types';
import { cacheSlot, globalFacts, HOUR, MIN, NOW, slotFacts } from './facts';

const ctx = getSlotContext(globalFacts());
const run = (over: Partial<SlotFacts>, c = ctx) => getSlotFindings(slotFacts(over), c, NOW);
const codes = (over: Partial<SlotFacts>, c = ctx) => run(over, c).map((f) => `${f.level}:${f.code}`);
const where = '/home/me/.claude-1/.credentials.json';

describe('getSlotFindings', () => {
  it('a healthy slot is all ok', () => {
    expect(codes({})).toEqual([
      'ok:credentials_ok',
      'ok:access_valid',
      'ok:login_age',
      'ok:fresh',
      'ok:requests',
    ]);
    expect(run({}).map((f) => f.message)).toEqual([
      `login stored in ${where}`,
      'access token valid for 6h',
      'login first seen 12d ago (Claude Code stored no expiry for it)',
      'last success 2m ago; status active, health ok',
      '3 usage calls in the last hour (budget 12)',
    ]);
  });

  it.each([
    ['disabled', { enabled: false }, ['ok:disabled']],
    ['config dir missing', { configDirExists: false }, ['problem:config_dir_missing', 'info:last_success']],
    [
      'no credentials',
      { credentials: { state: 'absent', where } },
      ['problem:no_credentials', 'info:last_success'],
    ],
    [
      'unreadable',
      { credentials: { state: 'unreadable', where, error: `${where} is not valid JSON.` } },
      ['problem:credentials_unreadable', 'info:last_success'],
    ],
    [
      'logged-out stub',
      { credentials: { state: 'logged_out', where } },
      ['problem:login_dead', 'info:last_success'],
    ],
    [
      'never fetched and no login',
      { credentials: { state: 'absent', where }, cache: null },
      ['problem:no_credentials'],
    ],
  ] as [string, Partial<SlotFacts>, string[]][])('%s', (_name, over, expected) => {
    expect(codes(over)).toEqual(expected);
  });

  it('a dead login says all at once: access expired, refresh rejected, re-login', () => {
    const f = run({
      status: 'inactive',
      inactiveFingerprint: 'fp-1',
      credentials: {
        state: 'ok',
        where,
        accessExpiresAt: NOW - 3 * HOUR,
        loginExpiresAt: null,
        fingerprint: 'fp-1',
      },
      cache: cacheSlot({
        status: 'inactive',
        health: 'login_dead',
        last_fetched: NOW - 11 * HOUR,
        last_error: { kind: 'login_dead', message: 'invalid_grant', at: NOW - 2 * HOUR },
      }),
    });
    expect(f[0]).toEqual({
      level: 'problem',
      scope: 'slot-1',
      code: 'login_dead',
      message:
        'login dead; access token expired 3h ago; the refresh token was rejected 2h ago (invalid_grant); only a re-login helps',
      fix: 'run: quota-broker relogin slot-1',
    });
    // The last success is still told, but not as a second problem.
    expect(f.slice(1).map((x) => `${x.level}:${x.code}:${x.message}`)).toEqual([
      'info:last_success:data 11h old: last success 11h ago, stale after 10m',
    ]);
  });

  it('an inactive slot the broker did not deactivate: unknown, with the command that finds out', () => {
    const f = run({ status: 'inactive', cache: cacheSlot({ health: null, last_error: null }) })[0];
    expect(f).toMatchObject({
      level: 'problem',
      code: 'inactive',
      fix: 'run: quota-broker doctor --online (tries the refresh the broker would make)',
    });
    expect(f.message).toContain('whether its login still works is unknown');
  });

  it('--online: an inactive slot whose login works is named with the command that resumes it', () => {
    const f = run({
      status: 'inactive',
      cache: cacheSlot({ health: null }),
      probe: { state: 'ok', fiveHour: 10, sevenDay: 20, renewed: true },
    });
    expect(f.map((x) => `${x.level}:${x.code}`)).toEqual([
      'problem:inactive_login_works',
      'info:last_success',
    ]);
    expect(f[0].fix).toBe('run: quota-broker slots enable slot-1');
    expect(f[0].message).toContain('the access token was renewed');
  });

  it('--online: a login the refresh found dead replaces every offline guess', () => {
    const probe = {
      state: 'login_dead',
      message:
        'The token endpoint rejected the stored refresh token (invalid_grant); re-login needed. Run: quota-broker relogin slot-1',
    } as const;
    for (const over of [{ probe }, { probe, status: 'inactive' as const }]) {
      const f = run(over);
      expect(f.map((x) => `${x.level}:${x.code}`)).toEqual(['problem:login_dead', 'info:last_success']);
      expect(f[0].message).toBe(
        'login dead: checked online just now, the refresh token was rejected (The token endpoint rejected the stored refresh token (invalid_grant); re-login needed.); only a re-login helps',
      );
      expect(f[0].fix).toBe('run: quota-broker relogin slot-1');
    }
  });

  it('a token the server refused while valid locally is a problem, never "✓ valid"', () => {
    const cache = cacheSlot({
      token_rejected_at: NOW - 20 * MIN,
      last_error: { kind: 'unauthorized', message: 'Usage endpoint answered 401.', at: NOW - 20 * MIN },
    });
    const f = run({ cache });
    expect(f.map((x) => `${x.level}:${x.code}`)).not.toContain('ok:access_valid');
    // The refusal is told once, by the login check, not again as "last error".
    expect(f.map((x) => x.code)).not.toContain('last_error');
    expect(f.find((x) => x.code === 'token_rejected')).toEqual({
      level: 'problem',
      scope: 'slot-1',
      code: 'token_rejected',
      message:
        'the server refused the access token 20m ago (401) although it is valid for 6h here: the session was probably ended on the server; whether the login still works is unknown, and the slot is not recommended meanwhile',
      fix: 'run: quota-broker doctor --online (tries the refresh the broker would make)',
    });
    const online = run({ cache, probe: { state: 'ok', fiveHour: 1, sevenDay: 2, renewed: true } });
    expect(online.find((x) => x.code === 'access_renewed')?.message).toBe(
      'the server had refused the access token 20m ago; renewed just now: the login works',
    );
  });

  it('--online: an expired token renewed by the check says the login works', () => {
    const f = run({
      credentials: {
        state: 'ok',
        where,
        accessExpiresAt: NOW - 2 * HOUR,
        loginExpiresAt: null,
        fingerprint: 'fp-1',
      },
      probe: { state: 'ok', fiveHour: 37, sevenDay: 51, renewed: true },
    });
    expect(f.find((x) => x.code === 'access_renewed')?.message).toBe(
      'access token had expired 2h ago; renewed just now: the login works',
    );
    expect(f.find((x) => x.code === 'probe_ok')?.message).toBe(
      'usage endpoint answered (after renewing the access token): 5-hour 37%, weekly 51%',
    );
  });

  it('an inactive slot with a new login is about to come back', () => {
    expect(codes({ status: 'inactive', inactiveFingerprint: 'fp-old' })).toEqual(
      expect.arrayContaining(['warn:relogin_pending']),
    );
    expect(run({ status: 'inactive', inactiveFingerprint: 'fp-old' })[0].fix).toBe(
      'run: quota-broker refresh --slot slot-1',
    );
  });

  it.each([
    [
      'delegate',
      '/usr/local/bin/claude',
      'auto',
      /until a refresh is tried$/,
      'run: quota-broker doctor --online (tries the refresh the broker would make)',
    ],
    [
      'locked',
      null,
      'auto',
      /until a refresh is tried$/,
      'run: quota-broker doctor --online (tries the refresh the broker would make)',
    ],
    [
      'never',
      null,
      'never',
      /token_refresh is never, so it stays expired until Claude Code refreshes it/,
      'run: CLAUDE_CONFIG_DIR=/home/me/.claude-1 claude auth status',
    ],
  ] as const)(
    'an expired access token, offline: the login is unknown, never "will refresh it" (%s)',
    (_mode, claudeBin, tokenRefresh, message, fix) => {
      const c = getSlotContext(globalFacts({ claudeBin, tokenRefresh }));
      const f = run(
        {
          credentials: {
            state: 'ok',
            where,
            accessExpiresAt: NOW - 2 * HOUR,
            loginExpiresAt: null,
            fingerprint: 'fp-1',
          },
        },
        c,
      ).find((x) => x.code === 'access_expired');
      expect(f?.level).toBe('warn');
      expect(f?.message).toMatch(
        /^access token expired 2h ago; whether the login \(refresh token\) still works is unknown/,
      );
      expect(f?.message).not.toMatch(/will (have Claude Code )?refresh/);
      expect(f?.message).toMatch(message);
      expect(f?.fix).toBe(fix);
    },
  );

  it('the default account needs no CLAUDE_CONFIG_DIR in the fix; an odd path is quoted', () => {
    const c = getSlotContext(globalFacts({ tokenRefresh: 'never' }));
    const expired = {
      state: 'ok',
      where,
      accessExpiresAt: NOW - HOUR,
      loginExpiresAt: null,
      fingerprint: 'x',
    } as const;
    const fixOf = (env: string | null) =>
      run({ claudeConfigDirEnv: env, credentials: expired }, c).find((x) => x.code === 'access_expired')?.fix;
    expect(fixOf(null)).toBe('run: claude auth status');
    expect(fixOf("/Users/me/My Claude's")).toBe(
      `run: CLAUDE_CONFIG_DIR='/Users/me/My Claude'\\''s' claude auth status`,
    );
  });

  it.each([
    [NOW - HOUR, 'problem:login_expired', 'the login expired 1h ago; only a re-login helps'],
    [NOW + 2 * 24 * HOUR, 'warn:login_expiring', 'the login expires in 2d'],
    [NOW + 25 * 24 * HOUR, 'ok:login_valid', 'login valid for 25d'],
  ])('login expiry %#', (loginExpiresAt, code, message) => {
    const f = run({
      credentials: { state: 'ok', where, accessExpiresAt: NOW + HOUR, loginExpiresAt, fingerprint: 'x' },
    });
    const hit = f.find((x) => `${x.level}:${x.code}` === code);
    expect(hit?.message).toBe(message);
  });

  it('stale data is a problem, but only a warning while a 429 back-off explains it', () => {
    const stale = { cache: cacheSlot({ last_fetched: NOW - 11 * HOUR }) };
    expect(codes(stale)).toContain('problem:stale');
    const backoff = { until: NOW + 4 * MIN, streak: 3, last_delay_ms: 10 * MIN };
    const f = run({ ...stale, backoff });
    expect(f.map((x) => `${x.level}:${x.code}`)).toEqual(
      expect.arrayContaining(['warn:stale', 'warn:backing_off']),
    );
    expect(f.find((x) => x.code === 'backing_off')?.message).toBe(
      'rate-limited (429 ×3): next usage call in 4m',
    );
  });

  it('the stale fix depends on whether a broker runs', () => {
    const stale = { cache: cacheSlot({ last_fetched: NOW - HOUR }) };
    const noBroker = getSlotContext(
      globalFacts({
        broker: { alive: false, pid: null, surface: null, heartbeatAgeMs: null, lastCycleAt: null },
      }),
    );
    expect(run(stale, noBroker).find((f) => f.code === 'stale')?.fix).toMatch(
      /^run: quota-broker service install/,
    );
    expect(run(stale).find((f) => f.code === 'stale')?.fix).toBe(
      'see the last error; run: quota-broker refresh --slot slot-1',
    );
  });

  it('an unresolved error is told with its kind; one older than the last success is not', () => {
    const err = { kind: 'offline' as const, message: 'Usage endpoint unreachable.', at: NOW - MIN };
    expect(run({ cache: cacheSlot({ last_error: err }) }).find((f) => f.code === 'last_error')).toMatchObject(
      {
        level: 'warn',
        message: 'last error 1m ago (offline): Usage endpoint unreachable.',
        fix: 'check the network; the broker retries by itself',
      },
    );
    expect(codes({ cache: cacheSlot({ last_error: { ...err, at: NOW - HOUR } }) })).not.toContain(
      'warn:last_error',
    );
  });

  it('a used-up hourly budget is a warning', () => {
    const requests = Array.from({ length: 12 }, (_, i) => NOW - (i + 1) * 4 * MIN);
    expect(codes({ requests })).toContain('warn:budget_used');
  });

  it('a slot never fetched asks for a refresh', () => {
    expect(run({ cache: null }).find((f) => f.code === 'never_fetched')?.fix).toBe(
      'run: quota-broker refresh --slot slot-1',
    );
  });

  it.each([
    [
      { state: 'ok', fiveHour: 37, sevenDay: 51, renewed: false },
      'ok:probe_ok',
      'usage endpoint answered: 5-hour 37%, weekly 51%',
    ],
    [
      { state: 'skipped', reason: 'the slot is inactive' },
      'ok:probe_skipped',
      'online probe skipped: the slot is inactive',
    ],
    [
      { state: 'failed', kind: 'unauthorized', status: 401, message: 'Usage endpoint answered 401.' },
      'problem:probe_failed',
      'usage endpoint: Usage endpoint answered 401.',
    ],
    [
      { state: 'failed', kind: 'offline', status: null, message: 'unreachable' },
      'warn:probe_failed',
      'usage endpoint: unreachable',
    ],
  ] as const)('online probe %#', (probe, code, message) => {
    const f = run({ probe }).find((x) => x.code.startsWith('probe_'));
    expect(`${f?.level}:${f?.code}`).toBe(code);
    expect(f?.message).toBe(message);
  });
});
