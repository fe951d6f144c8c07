/**
 * `quota-broker run` and `shell-init`, black-box with the built CLI: a stand-in `claude` on PATH records
 * the arguments and environment it was started with, so each test sees exactly what Claude Code would
 * get. The shell functions are sourced in a real bash and a real zsh.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCli } from '../support/run-cli';
import { createStandInBin } from '../support/stand-in-bin';
import { createTempHome, type TempHome, type TempSlot } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;
let path: string;

interface Launch {
  argv: string[];
  env: Record<string, string | undefined>;
}

/** A `claude` that appends what it was started with to `$HOME/claude-launches.jsonl`. */
const STAND_IN = `const fs = require('node:fs');
fs.appendFileSync(require('node:path').join(process.env.HOME, 'claude-launches.jsonl'),
  JSON.stringify({ argv: process.argv.slice(2), env: process.env }) + '\\n');
process.exit(Number(process.env.STAND_IN_EXIT || 0));
`;

function setUp(slots: TempSlot[], settings: Record<string, unknown> = {}): void {
  home = createTempHome({ slots, fake, settings });
  const bin = createStandInBin(home.home);
  const claude = join(bin.dir, 'claude');
  writeFileSync(claude, `#!${process.execPath}\n${STAND_IN}`);
  chmodSync(claude, 0o755);
  path = bin.path;
}

/** The environment of a person's shell: claude on PATH, and the variables that would override a login. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e = home.env({
    PATH: path,
    CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-test-override',
    ANTHROPIC_API_KEY: 'sk-ant-api03-test-key',
    CLAUDE_SECURESTORAGE_CONFIG_DIR: '/elsewhere',
    CLAUDE_CONFIG_DIR: '/some/other/session',
    KEEP_ME: 'yes',
    ...extra,
  });
  delete e.QUOTA_BROKER_CLAUDE; // claude from PATH, as a person has it
  return e;
}

function launches(): Launch[] {
  const file = join(home.home, 'claude-launches.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  home?.cleanup();
  await fake.close();
});

const three: TempSlot[] = [
  { id: 'slot-1', email: 'one@example.com', dirName: '.claude-1' },
  { id: 'work', email: 'two@example.com', dirName: '.claude-work' },
  { id: 'me', email: 'me@example.com', dirName: '.claude' },
];

describe('quota-broker run', () => {
  it("starts claude with the slot's config dir, its arguments and a cleaned environment; its exit code is run's", async () => {
    setUp(three);
    const run = await runCli(['run', 'work', '--', '--resume', 'a b'], env({ STAND_IN_EXIT: '7' }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(7);
    const [launch] = launches();
    expect(launch.argv).toEqual(['--resume', 'a b']);
    expect(launch.env.CLAUDE_CONFIG_DIR).toBe(home.dirOf('work'));
    for (const name of ['CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_API_KEY', 'CLAUDE_SECURESTORAGE_CONFIG_DIR'])
      expect(launch.env[name]).toBeUndefined();
    expect(launch.env.KEEP_ME).toBe('yes');
  });

  it('arguments after the slot go to claude without --; the default account gets no CLAUDE_CONFIG_DIR', async () => {
    setUp(three);
    expect((await runCli(['run', 'me', '-p', 'hi'], env())).code).toBe(0);
    const [launch] = launches();
    expect(launch.argv).toEqual(['-p', 'hi']);
    expect(launch.env).not.toHaveProperty('CLAUDE_CONFIG_DIR');
  });

  it('a dead login is refused with its re-login command, and claude never starts', async () => {
    setUp(
      three.map((s) => (s.id === 'work' ? { ...s, accessExpiresAt: Date.now() - 3_600_000 } : s)),
      { token_refresh: 'locked' },
    );
    fake.revokeLogin('two@example.com');
    await runCli(['refresh'], home.env());
    const run = await runCli(['run', 'work'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'quota-broker: work cannot be used: its login is dead. Run: quota-broker relogin work\n',
    );
    expect(launches()).toEqual([]);
  });

  it('a slot at its limit starts with a warning that names a better slot; --best takes that one', async () => {
    setUp(three);
    const reset = new Date(Date.now() + 2.5 * 3_600_000 + 30_000).toISOString();
    fake.setUsage('one@example.com', {
      five_hour: { utilization: 100, resets_at: reset },
      seven_day: { utilization: 40, resets_at: reset },
    });
    fake.setUsage('two@example.com', {
      five_hour: { utilization: 10, resets_at: reset },
      seven_day: { utilization: 20, resets_at: reset },
    });
    fake.setUsage('me@example.com', {
      five_hour: { utilization: 30, resets_at: reset },
      seven_day: { utilization: 20, resets_at: reset },
    });
    expect((await runCli(['refresh'], home.env())).code).toBe(0);
    const limited = await runCli(['run', 'slot-1'], env());
    expect(limited.code).toBe(0);
    expect(limited.stderr).toBe(
      'quota-broker: warning: slot-1 is at its 5-hour limit until its reset in 2h 30m. A better slot now: work (run: quota-broker run work).\n',
    );
    const best = await runCli(['run', '--best', '--', '--continue'], env());
    expect(best.code).toBe(0);
    expect(best.stderr).toBe('quota-broker: starting Claude Code on work\n');
    expect(launches().map((l) => [l.env.CLAUDE_CONFIG_DIR, l.argv])).toEqual([
      [home.dirOf('slot-1'), []],
      [home.dirOf('work'), ['--continue']],
    ]);
  });

  it.each([
    [['run'], 64, 'run needs one slot id, or --best'],
    [['run', '--resume', 'work'], 64, 'run does not take --resume. Run: quota-broker run --help'],
    [['run', 'nope'], 64, 'There is no slot "nope" (slots: slot-1, work, me). Run: quota-broker slots list'],
  ])('%j exits %i: %s', async (args, code, message) => {
    setUp(three);
    const run = await runCli(args, env());
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(launches()).toEqual([]);
  });

  it('without claude anywhere it says how to point at it', async () => {
    setUp(three);
    const run = await runCli(['run', 'work'], { ...env(), PATH: '/nonexistent' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set QUOTA_BROKER_CLAUDE to its path');
  });
});

describe('quota-broker shell-init', () => {
  /** Sources the script in `shell` (-f/--norc: no rc file of this machine) and runs `commands`. */
  async function inShell(shell: 'bash' | 'zsh', commands: string) {
    const script = await runCli(['shell-init', shell], env());
    expect(script.code).toBe(0);
    const file = join(home.home, `init.${shell}`);
    writeFileSync(file, script.stdout);
    // An old alias of the same name (what home-made setups defined) must not break or win.
    const prelude =
      shell === 'bash'
        ? `shopt -s expand_aliases; alias claude1='echo OLD-ALIAS'\n`
        : `alias claude1='echo OLD-ALIAS'\n`;
    const args = shell === 'bash' ? ['--norc', '--noprofile', '-c'] : ['-f', '-c'];
    const r = spawnSync(shell, [...args, `${prelude}eval "$(cat ${file})"\n${commands}`], {
      env: env(),
      encoding: 'utf8',
    });
    return { ...r, script: script.stdout };
  }

  it.each(['bash', 'zsh'] as const)(
    'in %s: claude1…claudeN in registry order and claude-<id> start the right slot',
    async (shell) => {
      setUp(three);
      const r = await inShell(shell, 'claude1 --one && claude2 two && claude3 && claude-work "x y"');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain('OLD-ALIAS');
      expect(launches().map((l) => [l.env.CLAUDE_CONFIG_DIR ?? '(unset)', l.argv])).toEqual([
        [home.dirOf('slot-1'), ['--one']],
        [home.dirOf('work'), ['two']],
        ['(unset)', []],
        [home.dirOf('work'), ['x y']],
      ]);
      for (const l of launches()) expect(l.env.CLAUDE_CODE_OAUTH_TOKEN).toBeUndefined();
    },
  );

  it('the function names: numbered, then claude-<id> (the id itself when it starts with claude-)', async () => {
    setUp([
      { id: 'claude-4', email: 'a@example.com' },
      { id: 'test', email: 'b@example.com' },
    ]);
    const bash = await runCli(['shell-init', 'bash'], env());
    const names = [...bash.stdout.matchAll(/^function (\S+) \{/gm)].map((m) => m[1]);
    expect(names).toEqual(['claude1', 'claude2', 'claude-4', 'claude-test']);
    const fish = await runCli(['shell-init', 'fish'], env());
    expect(fish.stdout).toMatch(
      /^function claude2 --wraps claude --description 'Claude Code on slot test'\n {4}\S+ \S+ run test -- \$argv\nend$/m,
    );
  });

  it('an unknown shell is a usage error', async () => {
    setUp(three);
    const run = await runCli(['shell-init', 'tcsh'], env());
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('shell-init needs the shell: bash, zsh, fish (got "tcsh")');
  });
});
