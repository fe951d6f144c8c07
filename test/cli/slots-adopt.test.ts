/**
 * Adopting an existing setup, black-box with the built CLI: `slots discover [--add]` on a home with
 * `~/.claude`, `~/.claude-1..3`, `~/.claude2` and the old registry in `~/_claude-configs/hot-swap/`, and
 * `slots import <file>`. The registries found are read, never written (byte-identical afterwards).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCli } from '../support/run-cli';
import { createTempHome, type TempHome } from '../support/temp-home';
import { LEGACY } from './legacy-home';

let fake: FakeAnthropic;
let home: TempHome;

beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  home?.cleanup();
  await fake.close();
});

/** ~/.claude (default), ~/.claude-1..3 and ~/.claude2 logged in; ~/.claude-empty without a login. */
function createHome(): { oldRegistry: string; oldText: string } {
  home = createTempHome({
    fake,
    noRegistry: true,
    slots: [
      { id: 'me', email: 'me@example.com', dirName: '.claude' },
      { id: 'a', email: 'first@example.com', dirName: '.claude-1' },
      { id: 'b', email: 'second@example.com', dirName: '.claude-2' },
      { id: 'c', email: 'third@example.com', dirName: '.claude-3' },
      { id: 'd', email: 'fourth@example.com', dirName: '.claude2' },
      { id: 'e', email: 'none@example.com', dirName: '.claude-empty', noCredentials: true },
    ],
  });
  // proper-lockfile's legacy lock dir beside a config dir is not a config dir.
  mkdirSync(join(home.home, '.claude-1.lock'));
  const dir = join(home.home, '_claude-configs', 'hot-swap');
  mkdirSync(dir, { recursive: true });
  const oldRegistry = join(dir, 'claude-sessions.yaml');
  const oldText = readFileSync(join(LEGACY, 'claude-sessions.yaml'), 'utf8');
  writeFileSync(oldRegistry, oldText);
  return { oldRegistry, oldText };
}

const accounts = () =>
  (parse(readFileSync(home.registry, 'utf8')) as { accounts: Record<string, unknown>[] }).accounts;

describe('quota-broker slots discover', () => {
  it('lists the old registry and the logged-in config dirs, and writes nothing', async () => {
    const { oldRegistry } = createHome();
    const run = await runCli(['slots', 'discover'], home.env());
    expect(run.code).toBe(0);
    const lines = run.stdout.replaceAll(home.home, '~').split('\n');
    expect(lines).toContain('Found registry: ~/_claude-configs/hot-swap/claude-sessions.yaml (3 slots)');
    expect(lines).toContain('Slots to add, in this order:');
    const rows = lines.filter((l) => /^(slot-\d|default|claude2) /.test(l)).map((l) => l.split(/\s{2,}/));
    expect(rows).toEqual([
      [
        'slot-1',
        'first@example.com',
        '~/.claude-1',
        'login stored',
        '~/_claude-configs/hot-swap/claude-sessions.yaml',
      ],
      [
        'slot-2',
        'second@example.com',
        '~/.claude-2',
        'login stored',
        '~/_claude-configs/hot-swap/claude-sessions.yaml',
      ],
      [
        'slot-3',
        'third@example.com',
        '~/.claude-3',
        'login stored',
        '~/_claude-configs/hot-swap/claude-sessions.yaml',
      ],
      ['default', 'me@example.com', '~/.claude', 'login stored', 'home dir (default account)'],
      ['claude2', 'fourth@example.com', '~/.claude2', 'login stored', 'home dir'],
    ]);
    expect(run.stdout).toContain('To add them: quota-broker slots discover --add');
    expect(() => statSync(home.registry)).toThrow();
    expect(oldRegistry).toBeTruthy();
  });

  it('--add gives the right registry: the old ids, emails and order, then the other logins; the old file is byte-identical', async () => {
    const { oldRegistry, oldText } = createHome();
    const before = statSync(oldRegistry).mtimeMs;
    const run = await runCli(['slots', 'discover', '--add'], home.env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Added to ${home.registry}:`);
    expect(accounts()).toEqual([
      { id: 'slot-1', email: 'first@example.com', config_dir: '~/.claude-1', status: 'active' },
      { id: 'slot-2', email: 'second@example.com', config_dir: '~/.claude-2', status: 'active' },
      { id: 'slot-3', email: 'third@example.com', config_dir: '~/.claude-3', status: 'active' },
      { id: 'default', email: 'me@example.com', config_dir: '~/.claude', status: 'active', default: true },
      { id: 'claude2', email: 'fourth@example.com', config_dir: '~/.claude2', status: 'active' },
    ]);
    expect(readFileSync(oldRegistry, 'utf8')).toBe(oldText);
    expect(statSync(oldRegistry).mtimeMs).toBe(before);

    // The broker reads what was added: every slot's login is found where Claude Code keeps it.
    const refresh = await runCli(['refresh', '--json'], home.env());
    expect(refresh.code).toBe(0);
    const cache = home.readCache();
    expect(Object.keys(cache.slots)).toEqual(['slot-1', 'slot-2', 'slot-3', 'default', 'claude2']);
    for (const slot of Object.values(cache.slots)) expect(slot.health).toBe('ok');

    // Again: nothing new, nothing rewritten.
    const text = readFileSync(home.registry, 'utf8');
    const again = await runCli(['slots', 'discover', '--add'], home.env());
    expect(again.stdout).toContain('Nothing to add: every slot found is in the registry already.');
    expect(readFileSync(home.registry, 'utf8')).toBe(text);
  });

  it('--json gives the report for scripts', async () => {
    createHome();
    const run = await runCli(['slots', 'discover', '--json'], home.env());
    const report = JSON.parse(run.stdout);
    expect(report.added).toEqual([]);
    expect(report.candidates.map((c: { id: string }) => c.id)).toEqual([
      'slot-1',
      'slot-2',
      'slot-3',
      'default',
      'claude2',
    ]);
    expect(run.stdout).not.toMatch(/sk-ant-/);
  });

  it('an unknown option is a usage error', async () => {
    createHome();
    const run = await runCli(['slots', 'discover', '--all'], home.env());
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(
      'slots discover does not take --all. Run: quota-broker slots discover --help',
    );
  });
});

describe('quota-broker slots import', () => {
  const SOURCE = `# my own list
accounts:
  - id: work
    label: Work
    email: w@example.com
    config_dir: ~/.claude-w
  - id: personal
    config_dir: ~/.claude-p
    status: inactive
`;

  it("adds the file's slots in its order with labels, renames a taken id, and never changes the file", async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'work', email: 'x@example.com', dirName: '.claude-x' }],
    });
    const file = join(home.home, 'elsewhere.yaml');
    writeFileSync(file, SOURCE);
    const run = await runCli(['slots', 'import', file], home.env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('work-2 (was work: that id is taken)');
    expect(accounts()).toEqual([
      { id: 'work', config_dir: home.dirOf('work'), status: 'active' },
      { id: 'work-2', email: 'w@example.com', config_dir: '~/.claude-w', status: 'active', label: 'Work' },
      { id: 'personal', config_dir: '~/.claude-p', status: 'active' },
    ]);
    expect(readFileSync(file, 'utf8')).toBe(SOURCE);
    // The broker's comments survive.
    expect(readFileSync(home.registry, 'utf8')).toContain('this comment must survive broker writes');
  });

  it('a file that does not parse is named with its line and column; nothing is written', async () => {
    home = createTempHome({ fake, slots: [{ id: 'one', email: 'one@example.com' }] });
    const before = readFileSync(home.registry, 'utf8');
    const file = join(home.home, 'broken.yaml');
    writeFileSync(file, 'accounts:\n  - id: BAD ID\n    config_dir: /x\n');
    const run = await runCli(['slots', 'import', file], home.env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${file}:2:\\d+: .*id`));
    expect(readFileSync(home.registry, 'utf8')).toBe(before);
  });

  it('importing the registry in use does nothing', async () => {
    home = createTempHome({ fake, slots: [{ id: 'one', email: 'one@example.com' }] });
    const before = readFileSync(home.registry, 'utf8');
    const run = await runCli(['slots', 'import', home.registry], home.env());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${home.registry} is the registry in use already: nothing to import.\n`);
    expect(readFileSync(home.registry, 'utf8')).toBe(before);
  });
});
