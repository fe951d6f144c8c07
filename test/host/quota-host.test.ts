/**
 * The shared engine host with a stand-in daemon: what a UI sees from it — the refreshing flag around a
 * refresh, one push per real change, failures as values (never a rejection), the registry toggle, history.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuotaHost, type QuotaHost } from '../../shared/host/quota-host';
import type { QuotaState } from '../../shared/ipc/contract';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import type { TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';
import { createEngine, createFakeDaemon, createTwoSlotHome, type FakeDaemon } from './support';

const POLL_MS = 25;
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
    pollMs: POLL_MS,
    onChecked,
  });
}

async function start(): Promise<QuotaHost> {
  checks = [];
  host = createHost(await createEngine(home), daemon, (pushed) => checks.push(pushed));
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

  it('pushes a state only when something changed, and every cycle end', async () => {
    const h = await start();
    const pushes: QuotaState[] = [];
    h.onState((s) => pushes.push(s));
    await expect.poll(() => pushes.length).toBe(1); // the first poll: nothing was pushed before
    await waitUntil(() => checks.filter(Boolean).length === 1, 'the pushing look to report');
    expect(await moreChecks(3)).toEqual([false, false, false]);
    expect(pushes).toHaveLength(1);
    // Positive control: the same looks push once the disk changes.
    writeCache(1_700_000_000_000);
    await expect.poll(() => pushes.length).toBe(2);
    expect(pushes[1].cache?.ts).toBe(1_700_000_000_000);
    await waitUntil(() => checks.filter(Boolean).length === 2, 'the pushing look to report');
    expect(await moreChecks(3)).toEqual([false, false, false]);
    expect(pushes).toHaveLength(2);
    daemon.options().onCycle?.({} as never);
    await expect.poll(() => pushes.length).toBe(3);
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
