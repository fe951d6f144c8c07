import { describe, expect, it } from 'vitest';
import { getBestSlot, getLaunchCommand, getLaunchVerdict } from '../../shared/domain/launch';
import { getShellFunctions, quoteWord, renderShellInit } from '../../shared/domain/shell-init';
import type { CacheFile, CacheSlot } from '../../shared/domain/types';

const NOW = Date.parse('2026-02-09T03:00:00Z');
const HOUR = 3_600_000;
const slot = (over: Partial<CacheSlot> = {}): CacheSlot => ({
  email: null,
  label: null,
  status: 'active',
  health: 'ok',
  last_fetched: NOW - 60_000,
  last_attempt: NOW - 60_000,
  source: 'endpoint',
  last_error: null,
  five_hour: { utilization: 30, resets_at: new Date(NOW + HOUR).toISOString() },
  seven_day: { utilization: 30, resets_at: new Date(NOW + 50 * HOUR).toISOString() },
  weekly_by_model: [],
  extra_usage: null,
  access_expires_at: null,
  login_expires_at: null,
  subscription: null,
  rate_limit_tier: null,
  requests_last_hour: 1,
  config_dir: '/x',
  ...over,
});
const cache = (slots: Record<string, CacheSlot>): CacheFile => ({
  version: 1,
  ts: NOW - 60_000,
  writer: null,
  all_inactive: false,
  recommended: null,
  slots,
});

describe('getLaunchVerdict', () => {
  it('a dead login is refused with its re-login command', () => {
    const c = cache({ a: slot({ status: 'inactive', health: 'login_dead' }) });
    expect(getLaunchVerdict('a', c, NOW)).toEqual({
      kind: 'refuse',
      message: 'a cannot be used: its login is dead. Run: quota-broker relogin a',
    });
    const inactive = cache({ a: slot({ status: 'inactive', health: null }) });
    expect(getLaunchVerdict('a', inactive, NOW).kind).toBe('refuse');
  });

  it('a slot at its limit warns and names the best one; past its reset it is fine again', () => {
    const full = { utilization: 100, resets_at: new Date(NOW + 90 * 60_000).toISOString() };
    const c = cache({ a: slot({ five_hour: full }), b: slot() });
    expect(getLaunchVerdict('a', c, NOW)).toEqual({
      kind: 'warn',
      message:
        'a is at its 5-hour limit until its reset in 1h 30m. A better slot now: b (run: quota-broker run b).',
    });
    expect(getLaunchVerdict('a', c, NOW + 2 * HOUR)).toEqual({ kind: 'go' });
    expect(getLaunchVerdict('a', cache({ a: slot({ five_hour: full }) }), NOW).kind).toBe('warn');
  });

  it('unknown slots and fresh ones go; a disabled slot warns', () => {
    expect(getLaunchVerdict('new', null, NOW)).toEqual({ kind: 'go' });
    expect(getLaunchVerdict('a', cache({ a: slot() }), NOW)).toEqual({ kind: 'go' });
    expect(getLaunchVerdict('a', cache({ a: slot({ enabled: false }) }), NOW).kind).toBe('warn');
  });

  it('--best is the recommendation at now; the command is the same everywhere', () => {
    const c = cache({ a: slot({ five_hour: { utilization: 80, resets_at: null } }), b: slot() });
    expect(getBestSlot(c, NOW)).toBe('b');
    expect(getBestSlot(null, NOW)).toBeNull();
    expect(getLaunchCommand('b')).toBe('quota-broker run b');
  });
});

describe('shell-init', () => {
  it('numbered functions in registry order, then one per id; never a bare id or a second definition', () => {
    expect(getShellFunctions(['work', 'claude-2', 'ls']).map((f) => `${f.name}=${f.slot}`)).toEqual([
      'claude1=work',
      'claude2=claude-2',
      'claude3=ls',
      'claude-work=work',
      'claude-2=claude-2',
      'claude-ls=ls',
    ]);
  });

  it('quotes what a shell would split', () => {
    expect(quoteWord('/usr/bin/node')).toBe('/usr/bin/node');
    expect(quoteWord("/Users/me/My Node's/node")).toBe(`'/Users/me/My Node'\\''s/node'`);
  });

  it('bash/zsh replace an old alias; fish passes $argv', () => {
    const fns = getShellFunctions(['a']);
    const bash = renderShellInit('bash', fns, ['/n', '/q.cjs']);
    expect(bash).toContain('unalias claude1 2>/dev/null\nfunction claude1 { /n /q.cjs run a -- "$@"; }\n');
    expect(bash).toContain('eval "$(quota-broker shell-init bash)"');
    const fish = renderShellInit('fish', fns, ['/n', '/q.cjs']);
    expect(fish).toContain(
      "function claude1 --wraps claude --description 'Claude Code on slot a'\n    /n /q.cjs run a -- $argv\nend\n",
    );
    expect(renderShellInit('zsh', [], ['/n'])).toContain('# No slots yet: quota-broker slots discover --add');
  });
});
