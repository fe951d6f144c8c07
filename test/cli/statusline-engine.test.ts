/** The statusline and the engine together: Claude Code's own numbers replace the endpoint call. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const stdinWith = (transcriptDir: string, fiveHour: number, weekly: number) => {
  const base = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'statusline-stdin-rate-limits.json'), 'utf8'),
  );
  const nowS = Math.floor(Date.now() / 1000);
  base.transcript_path = join(transcriptDir, 'projects', 'p', 'x.jsonl');
  base.rate_limits = {
    five_hour: { used_percentage: fiveHour, resets_at: nowS + 2 * 3600 + 120 },
    seven_day: { used_percentage: weekly, resets_at: nowS + 27 * 3600 + 120 },
  };
  return JSON.stringify(base);
};

describe('statusline observations feed the engine', () => {
  it('a rate_limits stdin shows the observed numbers, and the next cycle skips that slot’s endpoint call', async () => {
    home = createTempHome({
      fake,
      slots: [
        { id: 'slot-1', email: 'one@example.com', label: 'Work' },
        { id: 'slot-2', email: 'two@example.com' },
      ],
    });
    await runCli(['refresh'], home.env());
    fake.resetStats();
    const env = home.env({ CLAUDE_CONFIG_DIR: home.dirOf('slot-1') });
    const line = await runCli(['statusline'], env, { input: stdinWith(home.dirOf('slot-1'), 61.4, 33.2) });
    expect(line.code).toBe(0);
    expect(line.stdout).toContain('📅:27h(33%)');
    expect(line.stdout).toContain('61%');
    expect(fake.stats.requests).toHaveLength(0);
    home.age(600_000);
    await runCli(['refresh'], home.env());
    const cache = home.readCache();
    expect(cache.slots['slot-1']).toMatchObject({
      source: 'statusline',
      health: 'ok',
      seven_day: { utilization: 33.2 },
    });
    expect(fake.stats.usageCalls['one@example.com'] ?? 0).toBe(0);
    expect(fake.stats.usageCalls['two@example.com']).toBe(1);
  });
});
