import { describe, expect, it } from 'vitest';
import { getDoctorReport, getReportSummary } from '../../../shared/domain/doctor/report';
import type { DoctorFacts, GlobalFacts } from '../../../shared/domain/doctor/types';
import { globalFacts, HOUR, MIN, NOW, slotFacts } from './facts';

const facts = (g: Partial<GlobalFacts> = {}, slots = [slotFacts()]): DoctorFacts => ({
  global: globalFacts(g),
  slots,
  online: false,
});
const codes = (f: DoctorFacts) =>
  getDoctorReport(f, NOW)
    .findings.filter((x) => x.scope === 'global')
    .map((x) => `${x.level}:${x.code}`);
const noBroker = { alive: false, pid: null, surface: null, heartbeatAgeMs: null, lastCycleAt: null };

describe('getDoctorReport', () => {
  it('a healthy setup exits 0 with no warnings', () => {
    const r = getDoctorReport(facts(), NOW);
    expect(r).toMatchObject({ problems: 0, warnings: 0, exitCode: 0 });
    expect(codes(facts())).toEqual([
      'ok:registry_ok',
      'ok:cache_fresh',
      'ok:broker_running',
      'ok:claude_cli',
      'ok:service_ok',
      'ok:cron_clean',
      'ok:log_ok',
      'ok:alert_delivery',
    ]);
    expect(getReportSummary(r, 1)).toBe('Healthy: 1 slot, nothing to do.');
  });

  it('warnings alone keep exit 0; one problem makes it 1', () => {
    const warn = getDoctorReport(facts({ cache: { state: 'absent', path: '/c' } }), NOW);
    expect(warn).toMatchObject({ problems: 0, warnings: 1, exitCode: 0 });
    const problem = getDoctorReport(
      facts({ cache: { state: 'error', path: '/c', message: '/c: not valid JSON' } }),
      NOW,
    );
    expect(problem).toMatchObject({ problems: 1, exitCode: 1 });
    expect(getReportSummary(problem, 1)).toBe('1 problem, 0 warnings (1 slot).');
  });

  it('a registry error names line and column in the fix', () => {
    const f = facts({
      registry: {
        state: 'error',
        path: '/r.yaml',
        message: '/r.yaml:3:17: the slot registry is not valid YAML (x).',
        line: 3,
        col: 17,
      },
      slotsOrigin: 'last_good',
    });
    const hit = getDoctorReport(f, NOW).findings.find((x) => x.code === 'registry_invalid');
    expect(hit).toMatchObject({ level: 'problem', fix: 'edit /r.yaml at line 3, column 17' });
    expect(hit?.message).toContain('Meanwhile the broker uses the last good registry.');
  });

  it('no registry: fine with the discovered default account, a problem without any', () => {
    expect(codes(facts({ registry: { state: 'absent', path: '/r' }, slotsOrigin: 'discovered' }))).toContain(
      'ok:registry_absent',
    );
    expect(codes(facts({ registry: { state: 'absent', path: '/r' }, slotsOrigin: 'none' }, []))).toContain(
      'problem:no_slots',
    );
  });

  it('a stale cache: a problem either way, the fix depends on the broker', () => {
    const stale = {
      state: 'ok' as const,
      path: '/c',
      ts: NOW - 11 * HOUR,
      allInactive: false,
      writer: { app: 'quota-broker', pid: 4242 },
    };
    const running = getDoctorReport(facts({ cache: stale }), NOW).findings.find(
      (x) => x.code === 'cache_stale',
    );
    expect(running?.message).toBe(
      'cache written 11h ago (stale after 10m); the broker (daemon pid 4242) is running but has not written it since',
    );
    expect(running?.fix).toBe('see the log: /home/me/.claude/session-health/broker.log');
    const stopped = getDoctorReport(
      facts({ cache: stale, broker: noBroker, service: { ...globalFacts().service, installed: false } }),
      NOW,
    );
    expect(stopped.findings.find((x) => x.code === 'cache_stale')?.message).toMatch(
      /; no broker is running$/,
    );
    expect(stopped.findings.find((x) => x.code === 'broker_not_running')?.level).toBe('warn');
  });

  it('an installed service with no broker running is a problem; a dead holder is a stale lock', () => {
    expect(codes(facts({ broker: noBroker }))).toContain('problem:broker_not_running');
    expect(codes(facts({ broker: { ...noBroker, pid: 7, heartbeatAgeMs: 5 * MIN } }))).toContain(
      'warn:broker_lock_stale',
    );
  });

  it('every enabled slot unusable → all_inactive first, with every re-login', () => {
    const dead = (id: string) => slotFacts({ id, credentials: { state: 'logged_out', where: '/x' } });
    const r = getDoctorReport(
      facts({}, [dead('slot-1'), dead('slot-2'), slotFacts({ id: 'slot-3', enabled: false })]),
      NOW,
    );
    expect(r.findings[0]).toEqual({
      level: 'problem',
      scope: 'global',
      code: 'all_inactive',
      message: 'all 2 enabled slots are unusable: no account can be used',
      fix: 'run: quota-broker relogin slot-1; run: quota-broker relogin slot-2',
    });
  });

  it('a cache written by another program is named, with the cron job that likely writes it', () => {
    const cache = { ...globalFacts().cache, writer: null } as GlobalFacts['cache'];
    const cron = {
      sources: ['crontab -l'],
      note: null,
      lines: [
        {
          source: 'crontab -l',
          lineNumber: 3,
          text: '*/5 * * * * bash ~/x/fetch-quotas.sh',
          runsBroker: false,
          discardsOutput: false,
          kind: 'cache_writer' as const,
        },
      ],
    };
    const f = getDoctorReport(facts({ cache, cron }), NOW).findings;
    expect(f.find((x) => x.code === 'cache_foreign_writer')).toMatchObject({
      level: 'problem',
      message:
        'the cache /home/me/.claude/session-health/merged-quota-cache.json was last written by another program (it has no "writer" field: an old home-made script writes this shape) — likely crontab -l line 3; it and the broker overwrite each other\'s numbers',
      fix: 'stop that program (remove its cron job: crontab -e), then run: quota-broker refresh',
    });
    expect(f.find((x) => x.code === 'cron_cache_writer')?.level).toBe('problem');
    const foreign = { ...globalFacts().cache, writer: { app: 'my-script', pid: 7 } } as GlobalFacts['cache'];
    expect(
      getDoctorReport(facts({ cache: foreign }), NOW).findings.find((x) => x.code === 'cache_foreign_writer')
        ?.message,
    ).toMatch(/last written by my-script \(pid 7\); it and the broker/);
    // The broker's own cache: nothing to say.
    expect(codes(facts())).not.toContain('problem:cache_foreign_writer');
  });

  it('an existing setup the slots do not cover points at slots discover --add', () => {
    const unadopted = {
      registries: [{ path: '/home/me/_claude-configs/x/claude-sessions.yaml', slots: 3 }],
      configDirs: ['~/.claude-9'],
    };
    const warn = getDoctorReport(facts({ unadopted }), NOW).findings.find(
      (x) => x.code === 'setup_not_adopted',
    );
    expect(warn).toMatchObject({
      level: 'warn',
      message:
        'an existing setup the broker does not watch: registry /home/me/_claude-configs/x/claude-sessions.yaml (3 slots not in use); config dirs with a stored login: ~/.claude-9',
      fix: "run: quota-broker slots discover --add (keeps an old registry's ids, emails, labels and order; the old file is not changed)",
    });
    // With no slot at all it is the problem to fix.
    expect(codes(facts({ unadopted }, []))).toContain('problem:setup_not_adopted');
  });

  it('token_refresh: delegate without a claude CLI is a problem', () => {
    expect(codes(facts({ claudeBin: null, tokenRefresh: 'delegate' }))).toContain(
      'problem:claude_cli_missing',
    );
    expect(codes(facts({ claudeBin: null }))).toContain('ok:claude_cli_missing');
  });

  it('service, cron and log findings', () => {
    const service = { ...globalFacts().service, stdout: 'null', stderr: 'null' };
    expect(codes(facts({ service }))).toContain('problem:service_output_discarded');
    const elsewhere = { ...globalFacts().service, stdout: 'append:/other/state/broker.log' };
    expect(codes(facts({ service: elsewhere }))).toContain('warn:service_other_state_dir');
    const missing = { ...globalFacts().service, missingProgram: '/opt/qb/bin/quota-broker.cjs' };
    expect(codes(facts({ service: missing }))).toContain('problem:service_program_missing');
    const cron = {
      sources: ['crontab -l'],
      note: null,
      lines: [
        {
          source: 'crontab -l',
          lineNumber: 4,
          text: '* * * * * quota-broker refresh >/dev/null',
          runsBroker: true,
          discardsOutput: true,
          kind: 'broker' as const,
        },
      ],
    };
    expect(codes(facts({ cron }))).toContain('problem:cron_output_discarded');
    const log = {
      path: '/l',
      exists: true,
      recentErrors: [
        { at: NOW - 30 * 60 * HOUR, text: 'old' },
        { at: NOW - 3 * MIN, text: 'cycle failed' },
      ],
      deliveryFailures: [],
    };
    const hit = getDoctorReport(facts({ log }), NOW).findings.find((x) => x.code === 'log_errors');
    expect(hit).toMatchObject({
      level: 'warn',
      message: 'log /l: 1 error in the last 24h; latest 3m ago: cycle failed',
      fix: 'see: tail -n 50 /l',
    });
  });

  it('an open state dir is a warning with chmod', () => {
    const r = getDoctorReport(facts({ stateDir: { path: '/s', exists: true, mode: 0o755 } }), NOW);
    expect(r.findings.find((x) => x.code === 'state_dir_open')?.fix).toBe('run: chmod 700 /s');
  });
});
