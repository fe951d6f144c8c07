/**
 * Clock and sleep (issue #8): a laptop that wakes after hours runs its first cycle promptly, with right ages
 * and no burst of calls beyond the budget; a clock that jumps backwards does not freeze the schedule.
 * The engine runs in-process with an injected clock against the fake.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycle } from '../../shared/engine/cycle';
import { startDaemon } from '../../shared/engine/daemon';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createTestClock, createTestDeps, type LogLine } from '../support/engine-deps';
import { createSecretCollector } from '../support/secret-scan';
import { createTempHome, type TempHome } from '../support/temp-home';

const HOUR = 3_600_000;
const SLOTS = [
  { id: 'slot-1', email: 'wake-1@example.com' },
  { id: 'slot-2', email: 'wake-2@example.com' },
  { id: 'slot-3', email: 'wake-3@example.com' },
];

const secrets = createSecretCollector();
let fake: FakeAnthropic;
let home: TempHome;
let logs: LogLine[] = [];

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({ fake, slots: SLOTS, settings: { token_refresh: 'locked' } });
});
afterEach(async () => {
  secrets.addTokens(fake.issuedTokens());
  secrets.addText('engine log', JSON.stringify(logs));
  secrets.scanDirs([home.stateDir]);
  home.cleanup();
  await fake.close();
});
afterAll(() => expect(secrets.finish().findings).toEqual([]));

const calls = () => SLOTS.map((s) => fake.stats.usageCalls[s.email] ?? 0);

describe('a laptop waking after hours', () => {
  it('5 h asleep: the first cycle calls once per slot, ages are measured from the wake-up clock, and a burst of further cycles makes no extra call', async () => {
    const clock = createTestClock();
    const made = createTestDeps(home);
    logs = made.logs;
    await runCycle(made.deps, clock.now);
    expect(calls()).toEqual([1, 1, 1]);
    fake.resetStats();
    clock.jump(5 * HOUR);
    const woke = clock.now();
    const { cache, writeError } = await runCycle(made.deps, clock.now);
    expect(writeError).toBeNull();
    expect(calls()).toEqual([1, 1, 1]);
    expect(cache.ts).toBeGreaterThanOrEqual(woke);
    for (const s of SLOTS) {
      expect(cache.slots[s.id].health).toBe('ok');
      expect(cache.slots[s.id].last_fetched).toBeGreaterThanOrEqual(woke);
      expect(cache.slots[s.id].requests_last_hour).toBe(1); // the call from 5 h ago aged out
    }
    // Several surfaces waking at once (app, cron refresh, statusline): the schedule holds.
    for (let i = 0; i < 5; i++) {
      clock.jump(1_000);
      await runCycle(made.deps, clock.now);
      await runCycle(made.deps, clock.now, { force: true });
    }
    expect(calls()).toEqual([1, 1, 1]);
  });

  it('9 h asleep (access tokens expired meanwhile): one token refresh and one usage call per slot, no reuse', async () => {
    const clock = createTestClock();
    const made = createTestDeps(home);
    logs = made.logs;
    await runCycle(made.deps, clock.now);
    fake.resetStats();
    clock.jump(9 * HOUR);
    const { cache } = await runCycle(made.deps, clock.now);
    expect(calls()).toEqual([1, 1, 1]);
    expect(SLOTS.map((s) => fake.stats.tokenCalls[s.email] ?? 0)).toEqual([1, 1, 1]);
    expect(fake.stats.refreshReuse).toBe(0);
    for (const s of SLOTS) expect(cache.slots[s.id]).toMatchObject({ status: 'active', health: 'ok' });
  });

  it('the daemon started after a 5 h gap calls each slot once, and the ticks after it call nobody again', async () => {
    const clock = createTestClock();
    const made = createTestDeps(home);
    logs = made.logs;
    await runCycle(made.deps, clock.now);
    fake.resetStats();
    clock.jump(5 * HOUR);
    let cycles = 0;
    let firstCycle: () => void = () => undefined;
    const first = new Promise<void>((resolve) => {
      firstCycle = resolve;
    });
    const daemon = startDaemon(made.deps, clock.now, {
      surface: 'daemon',
      onCycle: () => {
        cycles += 1;
        if (cycles === 1) firstCycle();
      },
    });
    try {
      await first; // the cycle a daemon runs at start, without waiting for a tick
      expect(calls()).toEqual([1, 1, 1]);
      // Two more unforced cycles, exactly what its next ticks run: nothing is due yet.
      await daemon.requestCycle({});
      await daemon.requestCycle({});
    } finally {
      await daemon.stop();
    }
    expect(cycles).toBe(3);
    expect(calls()).toEqual([1, 1, 1]);
  });

  it('a simulated hour of cycles every 10 s stays within 12 calls per slot (the default budget) and near one per 300 s', async () => {
    const clock = createTestClock();
    const made = createTestDeps(home);
    logs = made.logs;
    for (let t = 0; t < HOUR; t += 10_000) {
      await runCycle(made.deps, clock.now);
      clock.jump(10_000);
    }
    for (const n of calls()) {
      expect(n).toBeLessThanOrEqual(12);
      expect(n).toBeGreaterThanOrEqual(11);
    }
  });
});

describe('a clock that jumps backwards', () => {
  it('2 h back: the next cycle still calls, and the schedule keeps running at its interval afterwards', async () => {
    const clock = createTestClock();
    const made = createTestDeps(home);
    logs = made.logs;
    await runCycle(made.deps, clock.now);
    fake.resetStats();
    clock.jump(-2 * HOUR);
    const { cache } = await runCycle(made.deps, clock.now);
    expect(calls()).toEqual([1, 1, 1]);
    for (const s of SLOTS) expect(cache.slots[s.id].health).toBe('ok');
    // Not due again 10 s later, due again after one interval (300 s ± 10 %).
    clock.jump(10_000);
    await runCycle(made.deps, clock.now);
    expect(calls()).toEqual([1, 1, 1]);
    clock.jump(331_000);
    await runCycle(made.deps, clock.now);
    expect(calls()).toEqual([2, 2, 2]);
  });

  it('2 h back during a 429 back-off: the back-off cannot stretch to hours; calls resume within one back-off length', async () => {
    const clock = createTestClock();
    const made = createTestDeps(home);
    logs = made.logs;
    fake.setMode('usage', '429', { retryAfter: '0' });
    await runCycle(made.deps, clock.now);
    fake.setMode('usage', 'normal');
    fake.resetStats();
    clock.jump(-2 * HOUR);
    await runCycle(made.deps, clock.now);
    clock.jump(301_000);
    const { cache } = await runCycle(made.deps, clock.now);
    for (const n of calls()) expect(n).toBeGreaterThanOrEqual(1);
    for (const s of SLOTS) expect(cache.slots[s.id].health).toBe('ok');
  });
});
