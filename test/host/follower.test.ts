/**
 * The shared host next to a real `quota-broker daemon` (the built CLI as a child process) against the
 * fake Anthropic server: the host follows, is pushed the daemon's cycles without asking, gets a refresh-now
 * done by the daemon, and takes over polling (the daemon stops, the host becomes the broker).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBrokerHolder } from '../../shared/adapters/broker-lock';
import { createQuotaHost, type QuotaHost } from '../../shared/host/quota-host';
import type { QuotaState } from '../../shared/ipc/contract';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { defaultUsage } from '../fake-anthropic/default-usage';
import { BIN } from '../support/run-cli';
import type { TempHome } from '../support/temp-home';
import { createEngine, createTwoSlotHome } from './support';

let fake: FakeAnthropic;
let home: TempHome;
let daemon: ChildProcess | undefined;
let host: QuotaHost | undefined;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTwoSlotHome(fake);
});
afterEach(async () => {
  await host?.stop();
  host = undefined;
  if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
    daemon.kill('SIGKILL');
    await new Promise((r) => daemon?.once('exit', r));
  }
  daemon = undefined;
  home.cleanup();
  await fake.close();
});

/** Starts `quota-broker daemon` and resolves once it holds the lock and wrote its first cache. */
async function startDaemonChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'daemon'], { env: home.env(), stdio: 'ignore' });
  const engine = await createEngine(home);
  await expect
    .poll(async () => (await getBrokerHolder(engine.paths, Date.now())).info?.pid, { timeout: 20_000 })
    .toBe(child.pid);
  await expect.poll(() => home.readCache().ts, { timeout: 20_000 }).toBeGreaterThan(0);
  return child;
}

describe('the shared host beside a headless broker', () => {
  it('follows the daemon, sees its cycles, has refresh-now done by it, then takes over', async () => {
    daemon = await startDaemonChild();
    const engine = await createEngine(home);
    host = createQuotaHost({ engine, now: Date.now, surface: 'app' });
    const pushes: QuotaState[] = [];
    host.onState((s) => pushes.push(s));

    expect(await host.getState()).toMatchObject({
      ok: true,
      value: { broker: { role: 'follower', pid: daemon.pid } },
    });
    expect(host.role).toBe('follower');

    // The daemon cycles on its own (here: asked by someone else): the follower sees its cache write
    // (it watches the state dir) and pushes it.
    home.age(60_000);
    fake.setUsage('one@example.com', usage(64));
    const first = home.readCache().ts ?? 0;
    process.kill(daemon.pid ?? 0, 'SIGUSR1');
    await expect
      .poll(() => pushes.at(-1)?.cache?.slots['slot-1']?.five_hour?.utilization, { timeout: 10_000 })
      .toBe(64);
    expect(pushes.at(-1)?.cache?.ts).toBeGreaterThan(first);

    // Refresh-now while following: the daemon runs the cycle (SIGUSR1) and the host answers with it.
    home.age(60_000);
    fake.setUsage('one@example.com', usage(77));
    const before = home.readCache().ts ?? 0;
    const refreshed = await host.refreshNow();
    expect(refreshed).toMatchObject({ ok: true, value: { refreshing: false } });
    const after = refreshed.ok ? refreshed.value.cache : null;
    expect(after?.ts).toBeGreaterThan(before);
    expect(after?.slots['slot-1']?.five_hour?.utilization).toBe(77);
    expect(host.role).toBe('follower');

    const takeover = await host.takeOver();
    expect(takeover).toEqual({ ok: true, stoppedPid: daemon.pid });
    expect(daemon.signalCode ?? daemon.exitCode).not.toBeNull();
    expect(host.role).toBe('broker');
    await expect
      .poll(() => pushes.at(-1)?.broker, { timeout: 10_000 })
      .toEqual({
        role: 'broker',
        pid: process.pid,
      });
    const holder = await getBrokerHolder(engine.paths, Date.now());
    expect(holder.info).toMatchObject({ pid: process.pid, surface: 'app' });
  });
});

function usage(fiveHour: number): unknown {
  const answer = defaultUsage() as Record<string, { utilization: number }>;
  answer.five_hour.utilization = fiveHour;
  return answer;
}
