/**
 * One CLI grammar (docs/RELIABILITY.md "Hostile inputs"; README "Commands" for the exit codes): every command,
 * run as the built `quota-broker`, answers an unknown option and an extra argument with exit 64 and one
 * sentence naming its own `--help` — no stack trace, no Node `parseArgs` message, nothing started.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, isCommandGroup } from '../../shared/cli/commands/table';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { BIN, runCli, runCliInProcess } from '../support/run-cli';
import { createTempHome, type TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';

let fake: FakeAnthropic;
let home: TempHome;
beforeAll(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
});
afterAll(async () => {
  home?.cleanup();
  await fake.close();
});

/** Every command line of the table, with placeholders for its required arguments. */
const COMMAND_LINES: { name: string; words: string[]; args: string[]; arity: number; handsOn: boolean }[] = [
  ...Object.entries(COMMANDS).flatMap(([word, entry]) =>
    isCommandGroup(entry)
      ? Object.entries(entry.subcommands).map(([sub, e]) => ({ name: `${word} ${sub}`, spec: e.spec }))
      : [{ name: word, spec: entry.spec }],
  ),
].map(({ name, spec }) => ({
  name,
  words: name.split(' '),
  args: (spec.args ?? []).map((a) => (a.name === 'config_dir' ? '/tmp/x' : 'slot-1')),
  arity: spec.args?.length ?? 0,
  // `run` hands everything after its slot to claude: only what comes before it is its own.
  handsOn: spec.passthrough === true,
}));
COMMAND_LINES.push({ name: 'statusline', words: ['statusline'], args: [], arity: 0, handsOn: false });

/** One sentence on one line, ending with where to look; no stack frame, no Node error code. */
function expectOneSentence(stderr: string, command: string) {
  expect(stderr).toMatch(new RegExp(`^quota-broker: [^\\n]+\\. Run: quota-broker ${command} --help\\n$`));
  expect(stderr).not.toMatch(/\n\s+at |ERR_PARSE_ARGS|See: /);
}

describe('every command refuses what it does not take', () => {
  it('lists every command (the check cannot pass by running none)', () => {
    expect(COMMAND_LINES.map((c) => c.name)).toEqual(
      expect.arrayContaining(['status', 'refresh', 'daemon', 'serve', 'doctor', 'relogin', 'statusline']),
    );
    expect(COMMAND_LINES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(COMMAND_LINES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const unknown = await runCli([...c.words, '--bogus', ...c.args], home.env(), { timeoutMs: 20_000 });
    expect(unknown.code).toBe(64);
    expectOneSentence(unknown.stderr, name);
    expect(unknown.stderr).toContain(`${name} does not take --bogus.`);
    expect(unknown.stdout).toBe('');

    if (c.handsOn) return;
    const extra = await runCli([...c.words, ...c.args, 'extra'], home.env(), { timeoutMs: 20_000 });
    expect(extra.code).toBe(64);
    expectOneSentence(extra.stderr, name);
    expect(extra.stderr).toContain('"extra"');
    expect(extra.stdout).toBe('');
  });
});

describe('values and arguments', () => {
  const usage = async (argv: string[]) => {
    const run = await runCliInProcess(argv, home.env());
    expect(run.code).toBe(64);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    return run.stderr.trim();
  };

  it.each([
    [['serve', '--port', ''], 'serve --port needs a port number, not an empty string'],
    [['serve', '--port=0x50'], 'serve --port must be a whole number from 0 to 65535 (got "0x50")'],
    [['serve', '--port', '1e3'], 'serve --port must be a whole number from 0 to 65535 (got "1e3")'],
    [['serve', '--port', '65536'], 'serve --port must be a whole number from 0 to 65535 (got "65536")'],
    [['serve', '--port', ' 80'], 'serve --port must be a whole number from 0 to 65535 (got " 80")'],
    [['serve', '--port'], 'serve --port needs a port number'],
    [['status', '--port', '5'], 'status does not take --port'],
    [['status', 'extra'], 'status takes no arguments (got "extra")'],
    [['daemon', '--slot', 'x', '--json'], 'daemon does not take --slot'],
    [['refresh', '--slot', ''], 'refresh --slot needs a slot id, not an empty string'],
    [['refresh', '--slot', 'No Such'], 'refresh --slot must match [a-z0-9-]+'],
    [['refresh', '--json', '--json'], 'refresh takes --json only once'],
    [['refresh', '--json=yes'], 'refresh takes --json without a value'],
    [
      ['slots', 'add', 'id', '/tmp/dir', 'extra', 'junk'],
      'slots add takes only <id> <config_dir> (got "extra" "junk" as well)',
    ],
    [['slots', 'add'], 'slots add needs <id>'],
    [
      ['slots', 'add', 'Bad_ID', '/tmp/x'],
      'slots add <id> must match [a-z0-9-]+, at most 64 characters (got "Bad_ID"). Run: quota-broker slots add --help',
    ],
    [
      ['slots', 'add', 'work', 'relative/dir'],
      'slots add <config_dir> must be an absolute path or start with ~/ (got "relative/dir"). Run: quota-broker slots add --help',
    ],
    [['run', 'nosuch'], 'There is no slot "nosuch" (slots: slot-1). Run: quota-broker slots list'],
    [['slots', 'frobnicate'], 'slots has no subcommand "frobnicate"'],
    [['relogin'], 'relogin needs <slot>'],
    [['relogin', 'slot-1', '--timeout', '0'], 'relogin --timeout must be a number of seconds above 0'],
    [['--json', 'status'], 'Options go after the command (got --json first)'],
    [['--version', 'status'], 'quota-broker --version takes nothing after it'],
    [['help', 'nosuch'], 'Unknown command "nosuch"'],
    [['nosuch'], 'Unknown command "nosuch"'],
  ])('%j', async (argv, sentence) => {
    expect(await usage(argv)).toContain(sentence);
  });

  it('--help wins over any other problem on the line, for commands and subcommands', async () => {
    for (const argv of [
      ['status', '--bogus', '--help'],
      ['slots', 'add', '-h'],
      ['service', '--help'],
      ['help', 'slots', 'add'],
      ['help', 'statusline'],
    ]) {
      const run = await runCliInProcess(argv, home.env());
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: quota-broker /);
    }
  });

  it('refresh --slot nosuch: the same usage error whether or not a broker runs', async () => {
    const alone = await runCli(['refresh', '--slot', 'nosuch'], home.env());
    expect(alone.code).toBe(64);
    expect(alone.stderr).toBe(
      'quota-broker: There is no slot "nosuch" (slots: slot-1). Run: quota-broker slots list\n',
    );
    const daemon = spawn(process.execPath, [BIN, 'daemon'], {
      env: home.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    daemon.stdout.on('data', (d) => (out += d));
    try {
      await waitUntil(() => out.includes('Polling as the broker.'), 'the daemon polling', {
        timeoutMs: 20_000,
      });
      const followed = await runCli(['refresh', '--slot', 'nosuch'], home.env());
      expect(followed.code).toBe(64);
      expect(followed.stderr).toBe(alone.stderr);
      // The positive control: a known slot with the broker running is followed, exit 0.
      expect((await runCli(['refresh', '--slot', 'slot-1'], home.env())).code).toBe(0);
    } finally {
      daemon.kill('SIGTERM');
      await new Promise((resolve) => daemon.once('close', resolve));
    }
  });
});
