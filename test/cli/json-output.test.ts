/**
 * Every `--json` output (docs/json.md) is valid against its committed JSON Schema in docs/json-schema/,
 * checked by a real JSON Schema validator (ajv), not by the valibot schema the file was generated from.
 * Each command runs against real files and, where it needs the network, the fake Anthropic server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS, isCommandGroup } from '../../shared/cli/commands/table';
import { JSON_OUTPUT_KINDS } from '../../shared/domain/schemas/output/index';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { ON_LINUX } from '../support/platform';
import { BIN, REPO, runCli, runCliInProcess } from '../support/run-cli';
import { createStandInBin } from '../support/stand-in-bin';
import { createTempHome, type TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';

const ajv = new Ajv({ allErrors: true, strictTuples: false });
const validators = new Map<string, ValidateFunction>();
/** The command lines whose output was validated, to check that none was left out. */
const validated = new Set<string>();

function validatorFor(command: string): ValidateFunction {
  const kind = JSON_OUTPUT_KINDS.find((k) => k.commands.includes(command));
  if (!kind) throw new Error(`no documented JSON shape for ${command}`);
  let validate = validators.get(kind.file);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(REPO, 'docs', 'json-schema', kind.file), 'utf8'));
    validate = ajv.compile(schema);
    validators.set(kind.file, validate);
  }
  return validate;
}

/** Parses `text` as the JSON `command` prints and fails with the validator's words when it does not fit. */
function expectValid(command: string, text: string): Record<string, unknown> {
  const doc = JSON.parse(text);
  const validate = validatorFor(command);
  expect(validate(doc), `${command}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  expect(text).not.toMatch(/sk-ant-/);
  validated.add(command);
  return doc;
}

let fake: FakeAnthropic;
let home: TempHome;
let daemon: ChildProcess | undefined;
const slots = [
  { id: 'slot-1', email: 'one@example.com' },
  { id: 'slot-2', email: 'two@example.com' },
];

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({ fake, slots, settings: { token_refresh: 'locked' } });
});
afterEach(async () => {
  if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
    daemon.kill('SIGKILL');
    await new Promise((r) => daemon?.once('exit', r));
  }
  daemon = undefined;
  home.cleanup();
  await fake.close();
});

const run = (argv: string[], env = home.env()) => runCliInProcess(argv, env);

describe('--json output matches its committed JSON Schema', () => {
  it('the validator is not vacuous: a document missing a required key or with a wrong word fails', () => {
    const validate = validatorFor('status --json');
    expect(validate({ slots: {} })).toBe(false);
    const service = validatorFor('service status --json');
    expect(service({ kind: 'upstart' })).toBe(false);
  });

  it('status and refresh print the same document; status also before any cache and with a broken one', async () => {
    const before = await run(['status', '--json']);
    expect(before.code).toBe(0);
    const empty = expectValid('status --json', before.stdout);
    expect(empty).toMatchObject({ ts: null, slots: {}, cache_error: null, refresh: null });

    const refresh = await run(['refresh', '--json']);
    expect(refresh.code).toBe(0);
    const refreshed = expectValid('refresh --json', refresh.stdout);
    expect(refreshed.refresh).toEqual({ outcome: 'ran', broker_pid: null, write_error: null });
    expect(Object.keys(refreshed.slots as object)).toEqual(['slot-1', 'slot-2']);

    const status = await run(['status', '--json']);
    const shown = expectValid('status --json', status.stdout);
    expect(Object.keys(shown)).toEqual(Object.keys(refreshed));
    expect({ ...shown, refresh: null, broker: null }).toEqual({ ...refreshed, refresh: null, broker: null });

    writeFileSync(home.cache, '{ torn');
    const broken = await run(['status', '--json']);
    expect(broken.code).toBe(1);
    expect(expectValid('status --json', broken.stdout).cache_error).toMatch(/not valid JSON/);
  });

  it('slots list, with e-mails the broker learned', async () => {
    const list = await run(['slots', 'list', '--json']);
    expect(list.code).toBe(0);
    const doc = expectValid('slots list --json', list.stdout);
    expect(doc).toMatchObject({
      registry: home.registry,
      slots: [
        { id: 'slot-1', email: 'one@example.com', status: 'active', enabled: true, default: false },
        { id: 'slot-2', email: 'two@example.com', status: 'active', enabled: true, default: false },
      ],
    });
  });

  it('slots discover and slots import', async () => {
    const discover = await run(['slots', 'discover', '--json']);
    expect(discover.code).toBe(0);
    const found = expectValid('slots discover --json', discover.stdout);
    expect(found.registry).toBe(home.registry);

    const elsewhere = join(home.home, 'old-sessions.yaml');
    copyFileSync(home.registry, elsewhere);
    const imported = await run(['slots', 'import', elsewhere, '--json']);
    expect(imported.code).toBe(0);
    const doc = expectValid('slots import --json', imported.stdout);
    expect(doc.registries).toEqual([expect.objectContaining({ path: elsewhere, in_use: false })]);
    expect(doc.candidates).toEqual([
      expect.objectContaining({ id: 'slot-1', present: true, renamed_from: null }),
      expect.objectContaining({ id: 'slot-2', present: true, renamed_from: null }),
    ]);
  });

  it.runIf(ON_LINUX)('service status, not installed and installed (systemctl a stand-in)', async () => {
    const bin = createStandInBin(home.home);
    bin.addRecorder('systemctl', { stdout: 'active\n' });
    bin.add('crontab', 'exit 1');
    const env = home.env({ PATH: bin.path });
    const absent = await run(['service', 'status', '--json'], env);
    expect(absent.code).toBe(1);
    expect(expectValid('service status --json', absent.stdout)).toMatchObject({
      kind: 'systemd',
      installed: false,
      state: null,
      healthy: false,
    });
    expect((await runCli(['service', 'install'], env)).code).toBe(0);
    const installed = await run(['service', 'status', '--json'], env);
    expect(installed.code).toBe(0);
    expect(expectValid('service status --json', installed.stdout)).toMatchObject({
      installed: true,
      state: 'active',
      output_discarded: false,
      missing_program: null,
      healthy: true,
    });
  });

  it('doctor, healthy and with a dead login', async () => {
    await run(['refresh']);
    const healthy = await run(['doctor', '--json'], home.env({ PATH: '/usr/bin:/bin' }));
    expect(expectValid('doctor --json', healthy.stdout).what_to_do).toEqual([]);
    const online = await run(['doctor', '--json', '--online'], home.env({ PATH: '/usr/bin:/bin' }));
    const probed = expectValid('doctor --json', online.stdout) as {
      slots: Record<string, { probe: unknown }>;
    };
    expect(probed.slots['slot-1'].probe).toMatchObject({ state: 'ok' });

    const { claudeAiOauth: o } = home.readCredentials('slot-2');
    home.writeCredentials('slot-2', {
      accessToken: o.accessToken as string,
      refreshToken: o.refreshToken as string,
      expiresAt: Date.now() - 60_000,
    });
    fake.revokeLogin('two@example.com');
    home.age(60_000);
    await run(['refresh']);
    const dead = await run(['doctor', '--json'], home.env({ PATH: '/usr/bin:/bin' }));
    expect(dead.code).toBe(1);
    expect(expectValid('doctor --json', dead.stdout).what_to_do).toEqual([
      'run: quota-broker relogin slot-2',
    ]);
  });

  it('daemon: every stderr line is one event, stdout stays empty; a refresh meanwhile follows it', async () => {
    const child = spawn(process.execPath, [BIN, 'daemon', '--json'], {
      env: home.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    daemon = child;
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d) => (out.stdout += d));
    child.stderr.on('data', (d) => (out.stderr += d));
    const events = () =>
      out.stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { event: string; slot?: string; to?: string; kind?: string });
    const waitFor = (what: string, test: (e: ReturnType<typeof events>[number]) => boolean) =>
      waitUntil(() => events().some(test), `${what}; stderr so far:\n${out.stderr}`, { timeoutMs: 20_000 });

    await waitFor('both slots reported', (e) => e.event === 'slot_state' && e.slot === 'slot-2');
    expect(events().map((e) => e.event)).toEqual(
      expect.arrayContaining(['started', 'role', 'slot_state', 'slot_state']),
    );
    expect(
      events()
        .slice(0, 2)
        .map((e) => e.event),
    ).toEqual(['started', 'role']);

    const followed = await run(['refresh', '--json']);
    expect(followed.code).toBe(0);
    const doc = expectValid('refresh --json', followed.stdout);
    expect(doc.refresh).toMatchObject({ outcome: 'followed' });
    expect(doc.broker).toMatchObject({ running: true, surface: 'daemon' });

    fake.revokeLogin('two@example.com');
    home.age(60_000);
    child.kill('SIGUSR1');
    await waitFor('the alert', (e) => e.event === 'alert' && e.slot === 'slot-2' && e.kind === 'login_dead');
    for (const line of out.stderr.split('\n').filter(Boolean)) expectValid('daemon --json', line);
    expect(events().find((e) => e.event === 'slot_state' && e.to === 'login_dead')).toBeDefined();
    expect(out.stdout).toBe('');
  });
});

describe('coverage', () => {
  it('every command that takes --json has a documented shape, and each was validated above', () => {
    const withJson = Object.entries(COMMANDS).flatMap(([word, entry]) =>
      isCommandGroup(entry)
        ? Object.entries(entry.subcommands)
            .filter(([, e]) => 'json' in e.spec.options)
            .map(([sub]) => `${word} ${sub} --json`)
        : 'json' in entry.spec.options
          ? [`${word} --json`]
          : [],
    );
    const documented = JSON_OUTPUT_KINDS.flatMap((k) => k.commands);
    expect([...withJson].sort()).toEqual([...documented].sort());
    // The tests above ran in order (a file's tests run one after another); service status only on Linux.
    const expected = documented.filter((c) => ON_LINUX || c !== 'service status --json');
    expect([...validated].sort()).toEqual(expected.sort());
  });
});
