import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCli } from '../support/run-cli';
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

describe('refresh: basic cycle', () => {
  it('fetches usage for 3 slots and writes a 0600 cache with the contract fields and no token', async () => {
    home = createTempHome({
      fake,
      slots: [
        { id: 'slot-1', email: 'one@example.com', label: 'Work' },
        { id: 'slot-2', email: 'two@example.com' },
        { id: 'slot-3', email: 'three@example.com' },
      ],
    });
    const before = Date.now();
    const run = await runCli(['refresh', '--json'], home.env());
    const after = Date.now();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const cache = home.readCache();
    expect(Object.keys(cache.slots)).toEqual(['slot-1', 'slot-2', 'slot-3']);
    const s1 = cache.slots['slot-1'];
    expect(s1).toMatchObject({
      email: 'one@example.com',
      label: 'Work',
      status: 'active',
      health: 'ok',
      source: 'endpoint',
      five_hour: { utilization: 52 },
      seven_day: { utilization: 17 },
      config_dir: home.dirOf('slot-1'),
      requests_last_hour: 1,
      subscription: 'max',
    });
    expect(s1.weekly_by_model.map((m) => m.model)).toContain('Fable');
    expect(s1.extra_usage).toEqual({ is_enabled: true, used: 1234, limit: 5000, currency: 'USD' });
    expect(cache.all_inactive).toBe(false);
    expect(cache.recommended).not.toBeNull();
    expect(cache.ts).toBeGreaterThanOrEqual(before);
    expect(cache.ts).toBeLessThanOrEqual(after);
    expect(statSync(home.cache).mode & 0o777).toBe(0o600);
    expect(statSync(home.stateDir).mode & 0o777).toBe(0o700);
    expect(fake.stats.usageCalls).toEqual({
      'one@example.com': 1,
      'two@example.com': 1,
      'three@example.com': 1,
    });
    const written =
      readFileSync(home.cache, 'utf8') + run.stdout + readFileSync(`${home.stateDir}/broker.log`, 'utf8');
    expect(written).not.toMatch(/sk-ant-o[ar]t01-test-[a-z0-9]/i);
  });

  it('status --json reads the cache without calling the API', async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    await runCli(['refresh'], home.env());
    fake.resetStats();
    const run = await runCli(['status', '--json'], home.env());
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.slots['slot-1'].health).toBe('ok');
    expect(out.broker.running).toBe(false);
    expect(fake.stats.requests).toHaveLength(0);
    const table = await runCli(['status'], home.env());
    expect(table.stdout).toMatch(/slot-1\*?\s+one@example.com\s+active\s+ok\s+52%\s+17%/);
    // Nothing polls: status gives the advice doctor gives, word for word.
    const advice = /broker: not running — (.+)\n/.exec(table.stdout)?.[1];
    const doctor = JSON.parse((await runCli(['doctor', '--json'], home.env())).stdout);
    const fix = doctor.findings.find((f: { code: string }) => f.code === 'broker_not_running')?.fix;
    expect(advice).toBe('run: quota-broker service install (or keep quota-broker daemon running)');
    expect(advice).toBe(fix);
  });
});
