import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('the same account again is refused, naming its slot: a trailing slash, a quoted ~, the expanded path', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'work', email: 'work@example.com', dirName: '.claude-work' }],
    });
    writeFileSync(home.registry, 'accounts:\n  - id: work\n    config_dir: ~/.claude-work\n');
    const before = readFileSync(home.registry, 'utf8');
    for (const dir of ['~/.claude-work/', '~/.claude-work', home.dirOf('work'), `${home.dirOf('work')}//`]) {
      const add = await runCli(['slots', 'add', 'again', dir], home.env());
      expect(add.code, dir).toBe(1);
      expect(add.stderr).toBe(
        `quota-broker: ${dir} is slot work already (config_dir ~/.claude-work): one account, one slot. See it with: quota-broker slots list\n`,
      );
    }
    expect(readFileSync(home.registry, 'utf8')).toBe(before);
    // The positive control: another account is added, its trailing slash dropped.
    const other = await runCli(['slots', 'add', 'client', '~/.claude-client/'], home.env());
    expect(other.code).toBe(0);
    expect(readFileSync(home.registry, 'utf8')).toMatch(/- id: client\n\s+config_dir: ~\/\.claude-client\n/);
  });

  it('slots list shows the e-mail the broker learned when the registry has none', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'work', email: 'work@example.com', dirName: '.claude-work' }],
    });
    writeFileSync(home.registry, 'accounts:\n  - id: work\n    config_dir: ~/.claude-work\n');
    expect((await runCli(['refresh'], home.env())).code).toBe(0);
    // Only the cache knows it now.
    rmSync(join(home.dirOf('work'), '.claude.json'));
    const list = await runCli(['slots', 'list'], home.env());
    expect(list.stdout.split('\n')[1]).toMatch(/^work\s+work@example\.com\s+~\/\.claude-work\s+active\s+yes/);
  });
});
