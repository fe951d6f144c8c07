import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getObservationKey, readObservation } from '../../../shared/adapters/observations';
import type { BrokerPaths } from '../../../shared/adapters/paths';
import { getRefreshMarkerPath } from '../../../shared/cli/statusline/refresh-trigger';
import { readRegistrySlots } from '../../../shared/cli/statusline/registry-slots';
import { runStatusline, type StatuslineOptions } from '../../../shared/cli/statusline/run-statusline';
import { HOUR, MIN, makeCache, makeSlot, makeStdin, makeTempPaths, writeCache } from './helpers';

const NOW = Date.parse('2026-02-09T03:00:00Z'); // Monday
const NOW_S = NOW / 1000;

function setup() {
  const { paths } = makeTempPaths();
  const home = paths.home;
  const dirs = {
    work: join(home, '.claude-work'),
    main: join(home, '.claude'),
    client: join(home, '.claude-client'),
  };
  const cache = makeCache(NOW, {
    'slot-1': makeSlot(NOW, { label: 'Work', config_dir: dirs.work }),
    'slot-2': makeSlot(NOW, {
      label: 'Home',
      config_dir: dirs.main,
      seven_day: { utilization: 12, resets_at: new Date(NOW + 100 * HOUR).toISOString() },
    }),
    'slot-3': makeSlot(NOW, { label: 'Client', config_dir: `${dirs.client}/` }),
  });
  cache.recommended = 'slot-3';
  writeCache(paths, cache);
  const startRefresh = vi.fn(async () => true);
  // These tests read the words; colours have their own block below (and test/domain/statusline/colour.test.ts).
  const run = (over: Partial<StatuslineOptions> = {}) =>
    runStatusline({
      stdinText: '',
      paths,
      now: NOW,
      timeZone: 'UTC',
      refreshCommand: { script: '/stand-in/cli.cjs', args: ['refresh', '--quiet'] },
      startRefresh,
      ...over,
      env: { NO_COLOR: '1', ...over.env },
    });
  return { paths, dirs, cache, run, startRefresh };
}

afterEach(() => vi.restoreAllMocks());

describe('slot attribution end to end', () => {
  it('by CLAUDE_CONFIG_DIR', async () => {
    const { run, dirs } = setup();
    const r = await run({
      env: { CLAUDE_CONFIG_DIR: dirs.work },
      stdinText: makeStdin(`${dirs.main}/projects/p/s.jsonl`),
    });
    expect(r).toMatchObject({
      slotId: 'slot-1',
      line: 'Work ⏱:37%·2h 📅:27h(51%)@Tue',
      refresh: 'not-needed',
    });
  });

  it('by the transcript path (trailing slash in the registry)', async () => {
    const { run, dirs } = setup();
    const r = await run({ stdinText: makeStdin(`${dirs.client}/projects/p/s.jsonl`) });
    expect(r.slotId).toBe('slot-3');
    expect(r.line.startsWith('Client ')).toBe(true);
  });

  it('by default: the ~/.claude slot, not the recommended one', async () => {
    const { run } = setup();
    const r = await run({ stdinText: makeStdin('/elsewhere/t.jsonl') });
    expect(r).toMatchObject({ slotId: 'slot-2', line: 'Home ⏱:37%·2h 📅:100h(12%)@Fri' });
  });
});

describe("an old writer's cache (no config_dir): the registry names the slots", () => {
  /** The old scripts' cache: only ts and email/status/last_fetched/five_hour/seven_day per slot. */
  function oldCache(paths: BrokerPaths) {
    const old = (email: string, status: string) => ({
      email,
      status,
      last_fetched: NOW - 2 * HOUR,
      five_hour: { utilization: 12, resets_at: new Date(NOW + 2.5 * HOUR).toISOString() },
      seven_day: { utilization: 23, resets_at: new Date(NOW + 27.5 * HOUR).toISOString() },
    });
    writeCache(
      paths,
      JSON.stringify({
        ts: NOW - 2 * HOUR,
        slots: {
          'slot-1': old('first@example.com', 'inactive'),
          'slot-2': old('second@example.com', 'active'),
        },
      }),
    );
    writeFileSync(
      paths.registry,
      'accounts:\n  - id: slot-1\n    config_dir: ~/.claude-1\n  - id: slot-2\n    config_dir: ~/.claude-2\n',
    );
  }

  it('attributes the session from the registry, read only for such a cache', async () => {
    const { paths, run } = setup();
    oldCache(paths);
    const readRegistry = vi.fn(readRegistrySlots);
    const env = { CLAUDE_CONFIG_DIR: join(paths.home, '.claude-2') };
    const r = await run({ env, readRegistry });
    expect(r.slotId).toBe('slot-2');
    expect(r.line).toBe('slot-2 ⏱:12%·2h 📅:27h(23%)@Tue🔺');
    expect(readRegistry).toHaveBeenCalledWith(paths.registry);
    // Without the registry it stays unattributed (what users saw before: "❔unregistered").
    expect((await run({ env })).line).toBe('claude-2 ❔unregistered 📅:?');
  });

  it('a cache the broker wrote (config_dir in every slot) never reads the registry', async () => {
    const { dirs, run } = setup();
    const readRegistry = vi.fn(readRegistrySlots);
    const r = await run({ env: { CLAUDE_CONFIG_DIR: dirs.work }, readRegistry });
    expect(r.slotId).toBe('slot-1');
    expect(readRegistry).not.toHaveBeenCalled();
  });

  it('a registry that does not parse leaves the line as it was', async () => {
    const { paths, run } = setup();
    oldCache(paths);
    writeFileSync(paths.registry, 'accounts: [\n');
    const r = await run({
      env: { CLAUDE_CONFIG_DIR: join(paths.home, '.claude-2') },
      readRegistry: readRegistrySlots,
    });
    expect(r.line).toBe('claude-2 ❔unregistered 📅:?');
  });
});

describe('observations from stdin', () => {
  it('rate_limits change the line, are recorded for the slot, and cost zero requests', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { run, dirs, paths } = setup();
    const stdinText = makeStdin(`${dirs.work}/projects/p/s.jsonl`, {
      five: 23.5,
      seven: 41.2,
      fiveResetS: NOW_S + 3 * 3600,
      sevenResetS: NOW_S + 50 * 3600,
    });
    const r = await run({ env: { CLAUDE_CONFIG_DIR: dirs.work }, stdinText });
    expect(r).toMatchObject({ line: 'Work ⏱:24%·3h 📅:50h(41%)@Wed', observation: 'recorded' });
    expect(readObservation(paths, 'slot-1')).toMatchObject({
      slot: 'slot-1',
      config_dir: dirs.work,
      observed_at: NOW,
      session_id: 'sess-1',
      seven_day: { utilization: 41.2, resets_at: new Date((NOW_S + 50 * 3600) * 1000).toISOString() },
    });
    // The same stdin a minute later is not news: the file keeps the first-seen time.
    const again = await run({ env: { CLAUDE_CONFIG_DIR: dirs.work }, stdinText, now: NOW + MIN });
    expect(again.observation).toBe('unchanged');
    expect(readObservation(paths, 'slot-1')?.observed_at).toBe(NOW);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('a recorded observation is used by a later invocation without rate_limits', async () => {
    const { run, dirs } = setup();
    const limits = { five: 80, seven: 90, fiveResetS: NOW_S + 3600, sevenResetS: NOW_S + 7200 };
    await run({ env: { CLAUDE_CONFIG_DIR: dirs.work }, stdinText: makeStdin('', limits) });
    const r = await run({ env: { CLAUDE_CONFIG_DIR: dirs.work }, now: NOW + 1000 });
    expect(r.line).toBe('Work ⏱:80%·59m 📅:1h(90%)@Mon');
  });

  it('turns a stale line fresh and needs no refresh for that slot', async () => {
    const { run, dirs, paths, cache } = setup();
    cache.slots['slot-1'].last_fetched = NOW - HOUR;
    writeCache(paths, cache);
    const env = { CLAUDE_CONFIG_DIR: dirs.work };
    const before = await run({ env });
    expect(before.line.endsWith('🔺')).toBe(true);
    expect(before.refresh).toBe('started');
    rmSync(getRefreshMarkerPath(paths));
    const limits = { five: 1, seven: 2, fiveResetS: NOW_S + 3600, sevenResetS: NOW_S + 7200 };
    const r = await run({ env, stdinText: makeStdin('', limits), now: NOW + 1 });
    expect(r.line.endsWith('🔺')).toBe(false);
    // The cache's ts is fresh and the fresh observation covers the stale slot: nothing to refresh.
    expect(r.refresh).toBe('not-needed');
  });

  it('an unknown config dir is keyed by a filename-safe form of the dir', async () => {
    const { run, paths } = setup();
    const dir = '/Users/Me/.claude Personal/';
    const limits = { five: 5, seven: 6, fiveResetS: NOW_S + 3600, sevenResetS: NOW_S + 7200 };
    const r = await run({ env: { CLAUDE_CONFIG_DIR: dir }, stdinText: makeStdin('', limits) });
    expect(r.line).toBe('claude Personal ❔unregistered ⏱:5%·1h 📅:2h(6%)@Mon');
    const key = getObservationKey(null, dir);
    expect(key).toMatch(/^_dir-claude-personal-[0-9a-f]{8}$/);
    expect(readObservation(paths, key!)).toMatchObject({ slot: null, config_dir: dir });
  });

  it('a guessed slot never receives the session’s numbers', async () => {
    const { run, paths, cache } = setup();
    delete cache.slots['slot-2']; // no ~/.claude slot: the fallback is the recommended slot-3
    writeCache(paths, cache);
    const limits = { five: 99, seven: 99, fiveResetS: NOW_S + 3600, sevenResetS: NOW_S + 7200 };
    const transcript = `${paths.home}/.claude-other/projects/p/s.jsonl`;
    const r = await run({ stdinText: makeStdin(transcript, limits) });
    expect(r).toMatchObject({
      slotId: 'slot-3',
      line: 'Client ⏱:37%·2h 📅:27h(51%)@Tue',
      observation: 'recorded',
    });
    expect(readObservation(paths, 'slot-3')).toBeNull();
    const key = getObservationKey(null, `${paths.home}/.claude-other`);
    expect(readObservation(paths, key!)).toMatchObject({
      slot: null,
      config_dir: `${paths.home}/.claude-other`,
    });
  });

  it('a state dir that cannot be written still shows the numbers', async () => {
    const { run, dirs, paths } = setup();
    writeFileSync(paths.observationsDir, 'not a dir');
    const limits = { five: 5, seven: 6, fiveResetS: NOW_S + 3600, sevenResetS: NOW_S + 7200 };
    const r = await run({ env: { CLAUDE_CONFIG_DIR: dirs.work }, stdinText: makeStdin('', limits) });
    expect(r).toMatchObject({ observation: 'failed', line: 'Work ⏱:5%·1h 📅:2h(6%)@Mon' });
  });
});

describe('detached refresh', () => {
  function stale(paths: BrokerPaths, cache: ReturnType<typeof setup>['cache']) {
    cache.ts = NOW - HOUR;
    writeCache(paths, cache);
  }
  function lock(paths: BrokerPaths, ageMs: number) {
    mkdirSync(`${paths.brokerLock}.lock`, { recursive: true });
    const t = (NOW - ageMs) / 1000;
    utimesSync(`${paths.brokerLock}.lock`, t, t);
  }

  it('starts only when stale, and not again while the marker is young', async () => {
    const { run, paths, cache, startRefresh } = setup();
    expect((await run()).refresh).toBe('not-needed');
    stale(paths, cache);
    expect((await run()).refresh).toBe('started');
    expect(startRefresh).toHaveBeenCalledWith(
      paths,
      { script: '/stand-in/cli.cjs', args: ['refresh', '--quiet'] },
      { NO_COLOR: '1' },
      NOW,
    );
    expect((await run({ now: NOW + MIN })).refresh).toBe('already-started');
    expect(startRefresh).toHaveBeenCalledTimes(1);
  });

  it('never twice at once: concurrent statuslines start exactly one', async () => {
    const { run, paths, cache, startRefresh } = setup();
    stale(paths, cache);
    const results = await Promise.all(Array.from({ length: 8 }, () => run()));
    expect(results.filter((r) => r.refresh === 'started')).toHaveLength(1);
    expect(startRefresh).toHaveBeenCalledTimes(1);
  });

  it('replaces a marker older than two minutes', async () => {
    const { run, paths, cache } = setup();
    stale(paths, cache);
    writeFileSync(getRefreshMarkerPath(paths), '{}');
    const old = (NOW - 3 * MIN) / 1000;
    utimesSync(getRefreshMarkerPath(paths), old, old);
    expect((await run()).refresh).toBe('started');
  });

  it('leaves it to a live broker, but not to a dead one', async () => {
    const { run, paths, cache, startRefresh } = setup();
    stale(paths, cache);
    lock(paths, 5_000);
    expect((await run()).refresh).toBe('broker-running');
    expect(startRefresh).not.toHaveBeenCalled();
    lock(paths, 40_000);
    expect((await run()).refresh).toBe('started');
  });

  it('starts one when there is no cache at all', async () => {
    const { run, paths } = setup();
    writeFileSync(paths.cache, '');
    expect(await run()).toMatchObject({ refresh: 'started', line: 'claude ❔no-cache 📅:?' });
    expect(existsSync(getRefreshMarkerPath(paths))).toBe(true);
    expect(JSON.parse(readFileSync(getRefreshMarkerPath(paths), 'utf8'))).toMatchObject({ at: NOW });
  });
});

describe('bad input still prints a useful line', () => {
  it.each([
    ['empty stdin', ''],
    ['partial JSON', '{"session_id":"x","transcript_pa'],
    ['not JSON', 'hello'],
    ['a JSON array', '[1,2]'],
    ['rate_limits garbage', '{"rate_limits":{"five_hour":"x","seven_day":null}}'],
  ])('%s', async (_name, stdinText) => {
    const { run } = setup();
    expect((await run({ stdinText })).line).toBe('Home ⏱:37%·2h 📅:100h(12%)@Fri');
  });

  it.each([
    ['missing', null],
    ['garbage', '\u0000\u0001 not json'],
    ['JSON but not a cache', '{"slots":[1,2]}'],
    ['truncated', '{"version":1,"ts":1,"slots":{"a":'],
  ])('cache %s', async (_name, content) => {
    const { run, paths } = setup();
    if (content == null) writeFileSync(paths.cache, '');
    else writeFileSync(paths.cache, content);
    const r = await run();
    expect(r.line).toBe('claude ❔no-cache 📅:?');
  });

  it('a cache slot with garbage fields', async () => {
    const { run, paths, cache, dirs } = setup();
    (cache.slots['slot-1'] as unknown as Record<string, unknown>).seven_day = 'x';
    (cache.slots['slot-1'] as unknown as Record<string, unknown>).label = 42;
    writeCache(paths, cache);
    const r = await run({ env: { CLAUDE_CONFIG_DIR: dirs.work } });
    // The cache schema reads a label that is not a string as no label: the slot id stands in.
    expect(r.line).toBe('slot-1 ⏱:37%·2h 📅:?');
  });

  it('uses the format the engine copied from the registry', async () => {
    const { run, paths, cache, dirs } = setup();
    cache.statusline_format = '{slot}: {weekly}';
    writeCache(paths, cache);
    expect((await run({ env: { CLAUDE_CONFIG_DIR: dirs.work } })).line).toBe('slot-1: 📅:27h(51%)@Tue');
  });

  it('a dead login and the all-inactive state are in the line', async () => {
    const { run, paths, cache, dirs } = setup();
    cache.slots['slot-1'] = {
      ...cache.slots['slot-1'],
      health: 'login_dead',
      status: 'inactive',
      last_fetched: NOW - 5 * HOUR,
    };
    writeCache(paths, cache);
    const env = { CLAUDE_CONFIG_DIR: dirs.work };
    expect((await run({ env })).line).toBe('Work ⛔login-dead ⏱:37%·2h 📅:27h(51%)@Tue🔺');
    cache.all_inactive = true;
    writeCache(paths, cache);
    expect((await run({ env })).line).toBe('Work ❌all-inactive ⏱:37%·2h 📅:27h(51%)@Tue🔺');
  });
});

describe('colours, segments and pace from the cache', () => {
  const ESC = '\u001b';
  const plain = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, '');

  it('colours the line by default, and not with NO_COLOR or statusline_color: false', async () => {
    const { run, paths, cache, dirs } = setup();
    const coloured = (await run({ env: { CLAUDE_CONFIG_DIR: dirs.work, NO_COLOR: '' } })).line;
    expect(coloured).toContain(`${ESC}[32m⏱:37%·2h${ESC}[22;39m`);
    expect(plain(coloured)).toBe('Work ⏱:37%·2h 📅:27h(51%)@Tue');
    expect((await run({ env: { CLAUDE_CONFIG_DIR: dirs.work, NO_COLOR: '1' } })).line).not.toContain(ESC);
    cache.statusline_color = false;
    writeCache(paths, cache);
    expect((await run({ env: { CLAUDE_CONFIG_DIR: dirs.work, NO_COLOR: '' } })).line).not.toContain(ESC);
  });

  it('uses the thresholds the engine copied from the registry', async () => {
    const { run, paths, cache, dirs } = setup();
    cache.statusline_color_thresholds = [30, 50];
    writeCache(paths, cache);
    const line = (await run({ env: { CLAUDE_CONFIG_DIR: dirs.work, NO_COLOR: '' } })).line;
    expect(line).toContain(`${ESC}[33m⏱:37%·2h`);
    expect(line).toContain(`${ESC}[31m📅:27h(51%)@Tue`);
  });

  it('--segment uses the segment format and --format wins over the registry’s', async () => {
    const { run, paths, cache, dirs } = setup();
    cache.statusline_format = '{slot}';
    cache.slots['slot-1'].pace = {
      five_hour: { status: 'unknown', reason: 'too_few_points', points: 1, resets_at: null },
      seven_day: {
        status: 'projected',
        at_reset: 120,
        runs_out_at: NOW + 20 * HOUR,
        resets_at: cache.slots['slot-1'].seven_day?.resets_at as string,
        rate_per_hour: 3,
        points: 12,
        from: NOW - 10 * HOUR,
        to: NOW - MIN,
      },
    };
    writeCache(paths, cache);
    const env = { CLAUDE_CONFIG_DIR: dirs.work };
    expect((await run({ env })).line).toBe('slot-1');
    expect((await run({ env, segment: true })).line).toBe('Work 📅:27h(51%)@Tue 📅out~23:00');
    expect((await run({ env, segment: true, format: '{pace_five_hour}|{pace}' })).line).toBe(
      '⏱→…|📅out~23:00',
    );
  });
});

describe('startDetachedRefresh', () => {
  it('logs and gives up when the CLI bundle is missing', async () => {
    const { startDetachedRefresh } = await import('../../../shared/cli/statusline/refresh-trigger');
    const { paths } = makeTempPaths();
    const ok = await startDetachedRefresh(
      paths,
      { script: '/nonexistent/cli.cjs', args: ['refresh'] },
      {},
      NOW,
    );
    expect(ok).toBe(false);
    expect(readFileSync(paths.log, 'utf8')).toContain(
      'cannot start a refresh, /nonexistent/cli.cjs is missing',
    );
  });
});
