/**
 * The shared engine host with a stand-in daemon: what a UI sees from it — the refreshing flag around a
 * refresh, one push per real change (its own cycles, other processes' writes, a followed broker's lock
 * going stale), failures as values (never a rejection), the registry toggle, history.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuotaHost, type QuotaHost } from '../../shared/host/quota-host';
import type { QuotaState } from '../../shared/ipc/contract';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import type { TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';
import { createEngine, createFakeDaemon, createTwoSlotHome, type FakeDaemon, sleep } from './support';

/** Short, so a test's writes are looked at promptly; bursts still gather within it. */
const DEBOUNCE_MS = 20;
let fake: FakeAnthropic;
let home: TempHome;
let daemon: FakeDaemon;
let host: QuotaHost | undefined;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTwoSlotHome(fake);
  daemon = createFakeDaemon('broker');
});
afterEach(async () => {
  await host?.stop();
  host = undefined;
  home.cleanup();
  await fake.close();
});

/** Each look the host took for outside changes: true when it pushed a state. */
let checks: boolean[] = [];

function createHost(
  engine: Awaited<ReturnType<typeof createEngine>>,
  d: FakeDaemon,
  onChecked = (_: boolean) => {},
) {
  return createQuotaHost({
    engine,
    now: Date.now,
    surface: 'app',
    startDaemon: d.start,
    watchDebounceMs: DEBOUNCE_MS,
    onChecked,
  });
}

async function start(env: NodeJS.ProcessEnv = {}): Promise<QuotaHost> {
  checks = [];
  host = createHost(await createEngine(home, env), daemon, (pushed) => checks.push(pushed));
  return host;
}

/** Waits until the host has looked `n` more times. */
async function moreChecks(n: number): Promise<boolean[]> {
  const from = checks.length;
  await waitUntil(() => checks.length >= from + n, `${n} more looks for outside changes`);
  return checks.slice(from);
}

function writeCache(ts: number): void {
  mkdirSync(home.stateDir, { recursive: true });
  writeFileSync(home.cache, JSON.stringify({ version: 1, ts, slots: {} }));
}

describe('the shared quota host', () => {
  it('shows refreshing while a refresh runs, then the state after it, and asks for a forced cycle', async () => {
    const h = await start();
    const pushes: QuotaState[] = [];
    h.onState((s) => pushes.push(s));
    let finishCycle: () => void = () => undefined;
    daemon.onCycle = () =>
      new Promise((resolve) => {
        finishCycle = () => resolve(null);
      });
    const answer = h.refreshNow('slot-2');
    await expect.poll(() => pushes.some((s) => s.refreshing)).toBe(true);
    expect(await h.getState()).toMatchObject({ ok: true, value: { refreshing: true } });
    finishCycle();
    const result = await answer;
    expect(result).toMatchObject({ ok: true, value: { refreshing: false, broker: { role: 'broker' } } });
    expect(daemon.cycles).toEqual([{ force: true, slot: 'slot-2' }]);
    expect(pushes.at(-1)?.refreshing).toBe(false);
  });

  it('a refresh-now pushes twice — refreshing, then the new state — not once per step', async () => {
    const h = await start();
    const pushes: QuotaState[] = [];
    h.onState((s) => pushes.push(s));
    writeCache(1_700_000_000_000);
    const options = daemon.options();
    // A cycle as the real daemon runs it: it writes the cache, tells the host, then its request resolves.
    daemon.onCycle = async () => {
      await sleep(20);
      writeCache(1_700_000_060_000);
      options.onCycle?.({} as never);
      return null;
    };
    const answer = await h.refreshNow();
    expect(answer).toMatchObject({ ok: true, value: { refreshing: false } });
    await sleep(50); // any straggler push would land by now
    expect(pushes.map((s) => [s.refreshing, s.cache?.ts])).toEqual([
      [true, 1_700_000_000_000],
      [false, 1_700_000_060_000],
    ]);
  });

  it('pushes its own cycles’ ends, and other processes’ writes only when they change something', async () => {
    const h = await start();
    const pushes: QuotaState[] = [];
    h.onState((s) => pushes.push(s));
    daemon.options().onCycle?.({} as never);
    await expect.poll(() => pushes.length).toBe(1);
    // Another broker's cache write: looked at and pushed.
    writeCache(1_700_000_000_000);
    expect(await moreChecks(1)).toEqual([true]);
    expect(pushes.map((s) => s.cache?.ts)).toEqual([undefined, 1_700_000_000_000]);
    // The same cache written again, the registry rewritten unchanged: looked at, nothing new to push.
    writeCache(1_700_000_000_000);
    expect(await moreChecks(1)).toEqual([false]);
    writeFileSync(home.registry, readFileSync(home.registry, 'utf8'));
    expect(await moreChecks(1)).toEqual([false]);
    expect(pushes).toHaveLength(2);
    // A cycle's end always pushes.
    daemon.options().onCycle?.({} as never);
    await expect.poll(() => pushes.length).toBe(3);
  });

  it('notices a registry kept outside the state dir (QUOTA_BROKER_SESSIONS) being edited', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'qb-registry-'));
    try {
      const registry = join(elsewhere, 'sessions.yaml');
      writeFileSync(registry, readFileSync(home.registry, 'utf8'));
      const h = await start({ QUOTA_BROKER_SESSIONS: registry });
      const pushes: QuotaState[] = [];
      h.onState((s) => pushes.push(s));
      writeFileSync(registry, 'accounts: [unclosed\n');
      expect(await moreChecks(1)).toEqual([true]);
      expect(pushes.at(-1)?.registry_error).toEqual(expect.any(String));
      // The state dir's own registry file is not this host's: breaking it shows nowhere.
      writeFileSync(home.registry, 'accounts: [also broken\n');
      writeCache(1_700_000_000_002);
      await waitUntil(() => pushes.some((s) => s.cache?.ts === 1_700_000_000_002), 'the cache write');
      expect(pushes.at(-1)?.registry_error).toMatch(/sessions\.yaml/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('follows another broker, and shows nobody polling once its lock goes stale without a word', async () => {
    daemon = createFakeDaemon('follower');
    const h = await start();
    const pushes: QuotaState[] = [];
    h.onState((s) => pushes.push(s));
    // A broker whose last heartbeat was 27 s ago (stale at 30 s), and which died: no file changes again.
    const lock = join(home.stateDir, 'broker.lock');
    writeFileSync(join(home.stateDir, 'broker.json'), JSON.stringify({ pid: 4242, surface: 'daemon' }));
    const staging = mkdtempSync(join(dirname(home.stateDir), 'lock-'));
    const beat = new Date(Date.now() - 27_000);
    utimesSync(staging, beat, beat);
    renameSync(staging, lock);
    await waitUntil(() => pushes.some((s) => s.broker.pid === 4242), 'the broker to be seen');
    expect(pushes.at(-1)?.broker).toEqual({ role: 'follower', pid: 4242 });
    await waitUntil(() => pushes.at(-1)?.broker.role === 'none', 'its lock to go stale', {
      timeoutMs: 15_000,
    });
    expect(pushes.at(-1)?.broker).toEqual({ role: 'none', pid: null });
  });

  it('takes the lock’s heartbeat for no news, but its going away for news', async () => {
    daemon = createFakeDaemon('follower');
    const lock = join(home.stateDir, 'broker.lock');
    mkdirSync(lock);
    writeFileSync(join(home.stateDir, 'broker.json'), JSON.stringify({ pid: 4242, surface: 'daemon' }));
    const h = await start();
    const pushes: QuotaState[] = [];
    h.onState((s) => pushes.push(s));
    writeCache(1_700_000_000_003);
    expect(await moreChecks(1)).toEqual([true]);
    expect(pushes.at(-1)?.broker).toEqual({ role: 'follower', pid: 4242 });
    // Heartbeats (the lock's mtime renewed), then a positive control: the next look is the cache's.
    for (let i = 0; i < 3; i++) utimesSync(lock, new Date(), new Date());
    await sleep(DEBOUNCE_MS * 10);
    writeCache(1_700_000_000_004);
    expect(await moreChecks(1)).toEqual([true]);
    expect(checks).toEqual([true, true]);
    // The broker releases its lock: nobody polls.
    rmSync(lock, { recursive: true });
    expect(await moreChecks(1)).toEqual([true]);
    expect(pushes.at(-1)?.broker).toEqual({ role: 'none', pid: null });
  });

  it('answers failures as values, with secrets redacted, and never rejects', async () => {
    const h = await start();
    daemon.onCycle = async () => {
      throw new Error('usage call failed with sk-ant-oat01-secret-in-an-error');
    };
    const refreshed = await h.refreshNow();
    expect(refreshed).toMatchObject({ ok: false, error: { code: 'refresh_failed' } });
    expect(JSON.stringify(refreshed)).not.toContain('secret-in-an-error');
    expect(await h.refreshNow('slot-9')).toMatchObject({ ok: false, error: { code: 'unknown_slot' } });
    expect(await h.setEnabled('slot-9', false)).toMatchObject({ ok: false, error: { code: 'unknown_slot' } });
    expect((await h.getState()).ok).toBe(true);
  });

  it('disables a slot in the registry (comments kept) and refreshes only that slot', async () => {
    const h = await start();
    const result = await h.setEnabled('slot-2', false);
    expect(result.ok).toBe(true);
    const text = readFileSync(home.registry, 'utf8');
    expect(text).toContain('enabled: false');
    expect(text).toContain('# slot slot-2');
    expect(daemon.cycles).toEqual([{ force: true, slot: 'slot-2' }]);
  });

  it("adopts the machine's setup on request: lists it, adds it to the registry, refreshes", async () => {
    rmSync(home.registry);
    const h = await start();
    const found = await h.discoverSlots(false);
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.candidates.map((c) => [c.id, c.config_dir, c.login, c.present])).toEqual([
      ['claude-slot-1', '~/.claude-slot-1', 'ok', false],
      ['claude-slot-2', '~/.claude-slot-2', 'ok', false],
    ]);
    expect(daemon.cycles).toEqual([]);
    const added = await h.discoverSlots(true);
    expect(added).toMatchObject({ ok: true, value: { added: ['claude-slot-1', 'claude-slot-2'] } });
    expect(readFileSync(home.registry, 'utf8')).toContain('config_dir: ~/.claude-slot-2');
    expect(daemon.cycles).toEqual([{ force: true, slot: undefined }]);
  });

  it('reports a broken registry in the state instead of failing', async () => {
    const h = await start();
    writeFileSync(home.registry, 'accounts: [unclosed\n');
    const state = await h.getState();
    expect(state).toMatchObject({ ok: true, value: { registry_error: expect.any(String) } });
  });

  it('reads a week of history and answers an unreadable history file as a value', async () => {
    const h = await start();
    expect(await h.getHistory('slot-1')).toEqual({ ok: true, value: [] });
    mkdirSync(home.stateDir, { recursive: true });
    const engine = await createEngine(home);
    mkdirSync(engine.paths.history, { recursive: true }); // a directory where the file should be
    expect(await h.getHistory('slot-1')).toMatchObject({ ok: false, error: { code: 'history' } });
  });

  it('names this process as the broker, and claims the lock with a forced cycle', async () => {
    const h = await start();
    expect((await h.snapshot()).state.broker).toEqual({ role: 'broker', pid: process.pid });
    await h.claimBroker();
    expect(daemon.cycles).toEqual([{ force: true }]);
    expect(await h.takeOver()).toEqual({ ok: true, stoppedPid: null });
  });

  it('stops the daemon and its polling on stop', async () => {
    const h = await start();
    const pushes: QuotaState[] = [];
    h.onState((s) => pushes.push(s));
    await h.stop();
    host = undefined;
    expect(daemon.stopped).toBe(true);
    const seen = { pushes: pushes.length, checks: checks.length };
    // Positive control: a live host on the same state dir sees the change the stopped one must not.
    const live = createHost(await createEngine(home), createFakeDaemon('broker'));
    const livePushes: QuotaState[] = [];
    live.onState((s) => livePushes.push(s));
    try {
      writeCache(1_700_000_000_001);
      await waitUntil(
        () => livePushes.some((s) => s.cache?.ts === 1_700_000_000_001),
        'the live host to see it',
      );
    } finally {
      await live.stop();
    }
    expect(pushes).toHaveLength(seen.pushes);
    expect(checks).toHaveLength(seen.checks);
  });
});
