import { readFileSync, writeFileSync } from 'node:fs';
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

describe('slots', () => {
  it('the first add keeps the discovered default account, and both are polled', async () => {
    home = createTempHome({
      fake,
      noRegistry: true,
      slots: [
        { id: 'x', email: 'me@example.com', dirName: '.claude' },
        { id: 'work', email: 'work@example.com' },
      ],
    });
    const add = await runCli(['slots', 'add', 'work', home.dirOf('work'), '--label', 'Work'], home.env());
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('default account');
    const yaml = readFileSync(home.registry, 'utf8');
    expect(yaml).toMatch(/- id: default\n\s+config_dir: ~\/\.claude\n\s+status: active\n\s+default: true/);
    await runCli(['refresh'], home.env());
    const cache = home.readCache();
    expect(cache.slots.default).toMatchObject({
      email: 'me@example.com',
      health: 'ok',
      default_account: true,
    });
    expect(cache.slots.work).toMatchObject({ email: 'work@example.com', health: 'ok', label: 'Work' });
  });

  it('edits keep comments; disable stops calls; remove drops only that entry; bad input is refused', async () => {
    home = createTempHome({
      fake,
      slots: [
        { id: 'slot-1', email: 'one@example.com' },
        { id: 'slot-2', email: 'two@example.com' },
      ],
    });
    expect((await runCli(['slots', 'disable', 'slot-2'], home.env())).code).toBe(0);
    await runCli(['refresh'], home.env());
    expect(home.readCache().slots['slot-2'].health).toBe('disabled');
    expect(fake.stats.usageCalls['two@example.com'] ?? 0).toBe(0);
    expect((await runCli(['slots', 'remove', 'slot-2'], home.env())).code).toBe(0);
    const yaml = readFileSync(home.registry, 'utf8');
    expect(yaml).toContain('# Test registry');
    expect(yaml).not.toContain('slot-2');
    const bad = await runCli(['slots', 'add', 'Bad_ID', '/tmp/x'], home.env());
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/must match/);
    writeFileSync(home.registry, 'accounts: [oops\n');
    const broken = await runCli(['slots', 'add', 'slot-3', '/tmp/x'], home.env());
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/claude-sessions\.yaml:\d+:\d+/);
    expect(readFileSync(home.registry, 'utf8')).toBe('accounts: [oops\n');
  });
});
