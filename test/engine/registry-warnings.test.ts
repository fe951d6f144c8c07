/**
 * A bad value in `settings.alerts` does not stop the broker: the cycle runs with the default and the
 * log says which key, what it found and what it uses instead.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycle } from '../../shared/engine/cycle';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createTestClock, createTestDeps } from '../support/engine-deps';
import { createTempHome, type TempHome } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;
beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  home?.cleanup();
  await fake.close();
});

describe('bad alert settings in the registry', () => {
  it('are logged as warnings by the cycle, which goes on with the defaults', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'slot-1', email: 'one@example.com' }],
      settings: { alerts: { enabled: 'yes', login_expiry_warn_days: -2 } },
    });
    const { deps, logs } = createTestDeps(home);
    const result = await runCycle(deps, createTestClock().now);
    expect(result.registry.origin).toBe('file');
    expect(result.cache.slots['slot-1'].health).toBe('ok');
    const warnings = logs.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toContain('settings.alerts.enabled must be true or false (got "yes"); using true.');
    expect(warnings).toContain(
      'settings.alerts.login_expiry_warn_days must be a number of days from 0 to 365 (got -2); using 3.',
    );
  });

  it('good alert settings log no warning (control)', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'slot-1', email: 'one@example.com' }],
      settings: { alerts: { enabled: true, login_expiry_warn_days: 5 } },
    });
    const { deps, logs } = createTestDeps(home);
    const result = await runCycle(deps, createTestClock().now);
    expect(result.registry.registry.settings.alerts).toEqual({ enabled: true, login_expiry_warn_days: 5 });
    expect(logs.filter((l) => l.level === 'warn' && l.message.startsWith('settings.alerts'))).toEqual([]);
  });
});
