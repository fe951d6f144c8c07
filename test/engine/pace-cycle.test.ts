/**
 * Pace through the real engine: fetches from the fake endpoint land in history.jsonl, each cycle writes
 * `slots.<id>.pace` into the cache (docs/contracts.md "The cache file"), the recommendation moves away
 * from a slot that runs out before its reset, and the statusline's `{pace}` shows it from the cache alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBrokerPaths } from '../../shared/adapters/paths';
import { runStatusline } from '../../shared/cli/statusline/run-statusline';
import { runCycle } from '../../shared/engine/cycle';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { defaultUsage } from '../fake-anthropic/default-usage';
import { createTestClock, createTestDeps } from '../support/engine-deps';
import { createTempHome, type TempHome } from '../support/temp-home';

const MIN = 60_000;
const H = 60 * MIN;

let fake: FakeAnthropic;
let home: TempHome;
beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({
    fake,
    slots: [
      { id: 'slot-1', email: 'fast@example.com', label: 'Fast' },
      { id: 'slot-2', email: 'steady@example.com', label: 'Steady' },
    ],
  });
});
afterEach(async () => {
  home.cleanup();
  await fake.close();
});

/** The fixture answer with the 5-hour window at `five` % resetting at `reset`, weekly at 20 %. */
function usage(five: number, reset: number): unknown {
  const u = defaultUsage() as Record<string, Record<string, unknown>>;
  u.five_hour = { utilization: five, resets_at: new Date(reset).toISOString() };
  u.seven_day = { utilization: 20, resets_at: new Date(reset + 3 * 24 * H).toISOString() };
  return u;
}

describe('pace in the cache', () => {
  it('collects history, then projects; the slot that runs out stops being recommended', async () => {
    const clock = createTestClock();
    const { deps } = createTestDeps(home);
    const reset = clock.now() + 3 * H;
    const steps: [fast: number, steady: number][] = [
      [10, 40],
      [25, 41],
      [40, 42],
    ];
    const caches = [];
    for (const [i, [fast, steady]] of steps.entries()) {
      if (i > 0) clock.jump(15 * MIN);
      fake.setUsage('fast@example.com', usage(fast, reset));
      fake.setUsage('steady@example.com', usage(steady, reset));
      caches.push((await runCycle(deps, clock.now)).cache);
    }
    // Too little history at first, and the cache says so.
    expect(caches[0].slots['slot-1'].pace?.five_hour).toMatchObject({
      status: 'unknown',
      reason: 'too_few_points',
      points: 1,
    });
    expect(caches[1].slots['slot-1'].pace?.five_hour).toMatchObject({ reason: 'too_few_points', points: 2 });
    // Before pace can judge, the most 5-hour headroom wins: the fast slot.
    expect(caches[1].recommended).toBe('slot-1');

    // Three readings over 30 minutes: 10 → 40 % is 60 points/hour; 40 + 60 × 2.5 h = 190 % at reset,
    // reaching 100 % one hour after the last reading.
    const last = caches[2];
    const fast = last.slots['slot-1'];
    expect(fast.pace?.five_hour).toMatchObject({ status: 'projected', points: 3 });
    const projection = fast.pace?.five_hour as {
      at_reset: number;
      runs_out_at: number;
      rate_per_hour: number;
    };
    expect(projection.rate_per_hour).toBeCloseTo(60, 0);
    expect(projection.at_reset).toBeCloseTo(190, -1);
    expect(projection.runs_out_at).toBeGreaterThan((fast.last_fetched as number) + 55 * MIN);
    expect(projection.runs_out_at).toBeLessThan((fast.last_fetched as number) + 65 * MIN);
    expect(last.slots['slot-2'].pace?.five_hour).toMatchObject({ status: 'projected', runs_out_at: null });
    // The steady slot has less room now but lasts until its reset: it is recommended.
    expect(last.recommended).toBe('slot-2');

    // The statusline reads it from the cache (no history, no network): `{pace}` names the 5-hour window.
    const line = await runStatusline({
      stdinText: '',
      env: { CLAUDE_CONFIG_DIR: home.dirOf('slot-1'), NO_COLOR: '1' },
      paths: getBrokerPaths(home.env(), home.home),
      now: clock.now(),
      timeZone: 'UTC',
      refreshCommand: null,
      segment: true,
      format: '{label} {pace} | {pace_weekly}',
    });
    const outAt = new Date(projection.runs_out_at);
    const hhmm = `${String(outAt.getUTCHours()).padStart(2, '0')}:${String(outAt.getUTCMinutes()).padStart(2, '0')}`;
    expect(line.line).toMatch(new RegExp(`^Fast ⏱out~(\\w{3} )?${hhmm} \\| 📅→…$`));
  });

  it('an idle tick keeps the pace as it was (no new reading, nothing rewritten)', async () => {
    const clock = createTestClock();
    const { deps } = createTestDeps(home);
    const first = await runCycle(deps, clock.now);
    expect(first.cache.slots['slot-1'].pace).toBeDefined();
    clock.jump(MIN);
    const idle = await runCycle(deps, clock.now);
    expect(idle.written).toBe(false);
    expect(idle.cache.slots['slot-1'].pace).toEqual(first.cache.slots['slot-1'].pace);
  });
});
