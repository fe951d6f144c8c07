/** The cycle copies the thresholds every reader judges by into the cache, so all surfaces agree. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycle } from '../../shared/engine/cycle';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createTestDeps } from '../support/engine-deps';
import { createTempHome, type TempHome } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;
beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  home.cleanup();
  await fake.close();
});

describe('thresholds in the cache', () => {
  it('carries stale_threshold_s and alerts.login_expiry_warn_days from the registry', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'slot-1', email: 'one@example.com' }],
      settings: { stale_threshold_s: 900, alerts: { login_expiry_warn_days: 7 } },
    });
    const { cache } = await runCycle(createTestDeps(home).deps, Date.now);
    expect(cache).toMatchObject({ stale_threshold_s: 900, login_expiry_warn_days: 7 });
  });

  it('without settings, the defaults (600 s, 3 days)', async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    const { cache } = await runCycle(createTestDeps(home).deps, Date.now);
    expect(cache).toMatchObject({ stale_threshold_s: 600, login_expiry_warn_days: 3 });
  });
});
