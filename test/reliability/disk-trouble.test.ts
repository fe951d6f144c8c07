/**
 * Disk trouble (issue #8): a read-only or full state dir, simulated through the FileSystem port that
 * every state-dir writer uses — the cache, engine state, registry, broker.json and broker.log during a
 * `refresh`, and history, alert state and statusline observations on the same disk. The user gets one
 * sentence naming the state dir and the cause; every file in the state dir stays byte-identical, no temp
 * file is left, and once the disk recovers every writer writes again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCache } from '../../shared/adapters/cache-store';
import { createFileLogger } from '../../shared/adapters/file-logger';
import { nodeFileSystem } from '../../shared/adapters/fs/node-file-system';
import { appendHistory } from '../../shared/adapters/history-store';
import { refreshCommand } from '../../shared/cli/commands/refresh';
import { runStatusline } from '../../shared/cli/statusline/run-statusline';
import type { CacheFile } from '../../shared/domain/types';
import { refreshOnce } from '../../shared/engine/broker';
import { deliverCycleAlerts } from '../../shared/engine/deliver-alerts';
import type { FileSystem } from '../../shared/ports/file-system';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createTestClock, createTestDeps, type TestClock } from '../support/engine-deps';
import { createSecretCollector } from '../support/secret-scan';
import { createTempHome, type TempHome } from '../support/temp-home';
import { createFailingDisk, sizeOf, snapshotFiles, tempFilesUnder } from './support/failing-disk';

const secrets = createSecretCollector();
let fake: FakeAnthropic;
let home: TempHome;

/** Every file the broker keeps in the state dir once each writer has run. */
const EVERY_FILE = [
  'alert-state.json',
  'broker.json',
  'broker.log',
  'claude-sessions.yaml',
  'engine-state.json',
  'history.jsonl',
  'merged-quota-cache.json',
  join('observations', 'slot-1.json'),
];

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({
    fake,
    slots: [
      { id: 'slot-1', email: 'disk-1@example.com' },
      { id: 'slot-2', email: 'disk-2@example.com' },
    ],
  });
});
afterEach(async () => {
  secrets.addTokens(fake.issuedTokens());
  secrets.scanDirs([home.stateDir]);
  home.cleanup();
  await fake.close();
});
afterAll(() => expect(secrets.finish().findings).toEqual([]));

/** The engine on `fs`, logging both to a recording and to broker.log on the same disk. */
function engineOn(fs: FileSystem) {
  const made = createTestDeps(home, { fs });
  const file = createFileLogger(made.deps.paths.log, fs);
  const recording = made.deps.logger;
  const both =
    (level: 'info' | 'warn' | 'error' | 'debug') => (message: string, fields?: Record<string, unknown>) => {
      recording[level](message, fields);
      file[level](message, fields);
    };
  made.deps.logger = { info: both('info'), warn: both('warn'), error: both('error'), debug: both('debug') };
  return made;
}

/** One statusline run in slot-1's session reporting `fiveHour` % (a new observation each time). */
function statusline(fs: FileSystem, clock: TestClock, fiveHour: number) {
  const nowS = Math.floor(clock.now() / 1000);
  return runStatusline({
    stdinText: JSON.stringify({
      session_id: 'disk',
      transcript_path: join(home.dirOf('slot-1'), 'projects', 'p', 'disk.jsonl'),
      rate_limits: {
        five_hour: { used_percentage: fiveHour, resets_at: nowS + 3600 },
        seven_day: { used_percentage: 40, resets_at: nowS + 86_400 },
      },
    }),
    env: { ...home.env(), CLAUDE_CONFIG_DIR: home.dirOf('slot-1') },
    paths: createTestDeps(home).deps.paths,
    now: clock.now(),
    refreshCommand: null,
    fs,
  });
}

function collector() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** The cache on disk with every slot's data "just fetched", so history has points to append. */
function freshCache(clock: TestClock): CacheFile {
  const cache = home.readCache();
  cache.ts = clock.now();
  for (const s of Object.values(cache.slots)) s.last_fetched = clock.now();
  return cache;
}

describe.each([
  ['read-only state dir (EROFS)', 'EROFS', false, 'read-only'],
  ['full disk (ENOSPC) before any byte', 'ENOSPC', false, 'no space left'],
  ['full disk (ENOSPC) half-way through each file and line', 'ENOSPC', true, 'no space left'],
] as const)('%s', (_name, code, partial, phrase) => {
  it('every writer reports the cause, every file stays byte-identical, no temp file is left; the next good disk writes again', async () => {
    const clock = createTestClock();
    const cause = new RegExp(phrase, 'i');

    // 1. A good disk: every writer runs once, so every file exists.
    const good = engineOn(nodeFileSystem);
    expect((await refreshOnce(good.deps, clock.now, { force: true })).type).toBe('ran');
    expect((await statusline(nodeFileSystem, clock, 10)).observation).toBe('recorded');
    const before = snapshotFiles(home.stateDir);
    expect([...before.keys()].sort()).toEqual(EVERY_FILE);

    // 2. The disk fails. slot-2's login is logged out meanwhile, so the cycle also has a registry
    // status to write.
    clock.jump(400_000);
    home.writeCredentials('slot-2', { accessToken: '', refreshToken: '', expiresAt: 0 });
    const disk = createFailingDisk(code, partial);
    const bad = engineOn(disk);
    const stdout = collector();
    const stderr = collector();
    const exit = await refreshCommand(
      { deps: bad.deps, now: clock.now, stdout: stdout.stream, stderr: stderr.stream },
      {},
    );
    secrets.addText('refresh output', stdout.text() + stderr.text() + JSON.stringify(bad.logs));
    expect(exit).toBe(1);
    // What the user reads: one sentence naming the state dir and the cause.
    const lines = stderr.text().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Could not write the state dir .+; the last good cache was kept\.$/);
    expect(lines[0]).toContain(home.stateDir);
    expect(lines[0]).toMatch(cause);
    // The cycle still ran: fresh numbers for slot-1, slot-2's dead login named.
    expect(stdout.text()).toContain('slot-1');
    expect(bad.logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/could not write slot statuses/),
      }),
    );

    // The writers a failed state write skips (the cache after the engine state, history, alerts), and
    // the statusline, on the same disk.
    await expect(writeCache(bad.deps.paths.cache, freshCache(clock), disk)).rejects.toThrow(cause);
    await expect(appendHistory(bad.deps.paths.history, freshCache(clock), disk)).rejects.toThrow(cause);
    await deliverCycleAlerts({
      paths: bad.deps.paths,
      cache: freshCache(clock),
      brokerRunning: true,
      settings: {},
      now: clock.now(),
      logger: bad.deps.logger,
      notifier: { name: 'test', notify: async () => ({ ok: true }) },
      fs: disk,
    });
    const alertLog = bad.logs.find((l) => l.message.startsWith('Could not save the alert state'));
    expect(alertLog?.message).toMatch(cause);
    const line = await statusline(disk, clock, 20);
    expect(line.observation).toBe('failed');
    expect(line.line).toMatch(/20%/); // the numbers are shown all the same

    // Each writer really met the failing disk (the check below cannot pass by writing nothing).
    const attempted = (name: string) => disk.refused.some((r) => r.includes(name));
    expect(EVERY_FILE.filter((f) => !attempted(f.replace('observations/', '')))).toEqual([]);

    // Every file byte-identical; nothing half-written, no temp file.
    expect(snapshotFiles(home.stateDir)).toEqual(before);
    expect(tempFilesUnder(home.stateDir)).toEqual([]);

    // 3. The disk recovers: every writer writes again.
    clock.jump(400_000);
    const logSize = sizeOf(good.deps.paths.log);
    const historySize = sizeOf(good.deps.paths.history);
    const healed = await refreshOnce(good.deps, clock.now, { force: true });
    expect(healed.type === 'ran' && healed.result.writeError).toBeNull();
    expect(home.readCache().ts).toBe(healed.type === 'ran' ? healed.result.cache.ts : -1);
    expect(home.readCache().slots['slot-2']).toMatchObject({ status: 'inactive', health: 'login_dead' });
    expect(readFileSync(home.registry, 'utf8')).toMatch(
      /id: slot-2 +# slot slot-2\n +config_dir: .+\n +status: inactive\n/,
    );
    expect(sizeOf(good.deps.paths.history)).toBeGreaterThan(historySize);
    expect(sizeOf(good.deps.paths.log)).toBeGreaterThan(logSize);
    expect((await statusline(nodeFileSystem, clock, 30)).observation).toBe('recorded');
    const after = snapshotFiles(home.stateDir);
    expect(EVERY_FILE.filter((f) => after.get(f)?.equals(before.get(f) ?? Buffer.alloc(0)))).toEqual([]);
    expect(tempFilesUnder(home.stateDir)).toEqual([]);
  });
});
