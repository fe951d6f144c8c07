import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycle } from '../../shared/engine/cycle';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createTestClock, createTestDeps } from '../support/engine-deps';
import { createTempHome, type TempHome } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;
beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
});
afterEach(async () => {
  home.cleanup();
  await fake.close();
});

describe('an idle daemon tick', () => {
  it('writes nothing when nothing is due, and rewrites the cache once it is half the stale threshold old', async () => {
    const clock = createTestClock();
    const { deps, logs } = createTestDeps(home);
    expect((await runCycle(deps, clock.now)).written).toBe(true);
    const bytes = readFileSync(home.cache, 'utf8');
    const mtime = statSync(home.cache).mtimeMs;
    const logLines = logs.length;
    clock.jump(60_000);
    const idle = await runCycle(deps, clock.now);
    expect(idle.written).toBe(false);
    expect(readFileSync(home.cache, 'utf8')).toBe(bytes);
    expect(statSync(home.cache).mtimeMs).toBe(mtime);
    expect(logs.slice(logLines).filter((l) => l.level !== 'debug')).toEqual([]);
    expect(fake.stats.usageCalls['one@example.com']).toBe(1);
    clock.jump(250_000); // 310 s after the write: past half of the 600 s threshold
    const refreshed = await runCycle(deps, clock.now);
    expect(refreshed.written).toBe(true);
    expect(
      JSON.parse(readFileSync(join(home.stateDir, 'merged-quota-cache.json'), 'utf8')).ts,
    ).toBeGreaterThan(JSON.parse(bytes).ts);
  });
});
