import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDaemon } from '../../shared/engine/daemon';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createTestDeps } from '../support/engine-deps';
import { createTempHome, type TempHome } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;
beforeEach(async () => {
  fake = await createFakeAnthropic({ latencyMs: 100 });
  home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
});
afterEach(async () => {
  home.cleanup();
  await fake.close();
});

describe('refresh-now requests to a running daemon', () => {
  it('a burst of requests runs cycles one at a time and never calls the endpoint twice for one slot', async () => {
    const { deps, logs } = createTestDeps(home);
    const daemon = startDaemon(deps, Date.now, { surface: 'daemon' });
    try {
      const burst = await Promise.all([1, 2, 3, 4, 5].map(() => daemon.requestCycle({ force: true })));
      expect(burst.every((r) => r?.cache.slots['slot-1'].health === 'ok')).toBe(true);
      expect(fake.stats.usageCalls['one@example.com']).toBe(1);
      const starts = logs.filter((l) => l.message === 'cycle start').length;
      const ends = logs.filter((l) => l.message === 'cycle end').length;
      expect(starts).toBeLessThanOrEqual(3); // the first tick, the running request, one coalesced follow-up
      expect(ends).toBeGreaterThanOrEqual(1);
    } finally {
      await daemon.stop();
    }
  });
});
