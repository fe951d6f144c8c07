/**
 * Black-box tests of the bundled statusline: esbuild bundles entry.ts as scripts/build.mjs does into a
 * temp dist/, next to a stand-in dist/cli.cjs that records each `refresh` it is asked to run.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCerts } from '../../support/real-claude/certs';
import { waitUntil } from '../../support/wait';
import { HOUR, makeCache, makeSlot, makeStdin, makeTempPaths, writeCache } from './helpers';

const REPO = resolve(__dirname, '../../..');
// Written to a temp name and renamed, so a test never reads a half-written record.
const STAND_IN = `const fs = require('node:fs');
const file = require('node:path').join(process.env.QUOTA_BROKER_HOME, 'stand-in-' + process.pid + '.json');
fs.writeFileSync(file + '.tmp', JSON.stringify({ argv: process.argv.slice(2), env: process.env }));
fs.renameSync(file + '.tmp', file);
console.log('stand-in refresh ran');
setTimeout(() => {}, 300);
`;

let root: string;
let bin: string;
let server: Server;
let requests = 0;
let apiUrl: string;
/** The source files esbuild put into the per-update bundle. */
let bundledInputs: string[] = [];

beforeAll(async () => {
  ({ root } = makeTempPaths());
  mkdirSync(join(root, 'pkg', 'dist'), { recursive: true });
  mkdirSync(join(root, 'pkg', 'bin'), { recursive: true });
  const built = await build({
    entryPoints: [join(REPO, 'shared/cli/statusline/entry.ts')],
    outfile: join(root, 'pkg', 'dist', 'statusline.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    metafile: true,
    logLevel: 'silent',
    define: { __APP_VERSION__: '"0.0.0-test"' },
  });
  bundledInputs = Object.keys(built.metafile.inputs);
  await build({
    entryPoints: [join(REPO, 'shared/cli/statusline/command.ts')],
    outfile: join(root, 'pkg', 'dist', 'statusline-options.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    define: { __APP_VERSION__: '"0.0.0-test"' },
  });
  await build({
    entryPoints: [join(REPO, 'shared/cli/statusline/registry-slots.ts')],
    outfile: join(root, 'pkg', 'dist', 'statusline-registry.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    logLevel: 'silent',
  });
  writeFileSync(join(root, 'pkg', 'dist', 'cli.cjs'), STAND_IN);
  bin = join(root, 'pkg', 'bin', 'quota-broker.cjs');
  copyFileSync(join(REPO, 'bin', 'quota-broker.cjs'), bin);
  server = createServer((_req, res) => {
    requests++;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function env(
  paths: { stateDir: string; home: string },
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: paths.home,
    QUOTA_BROKER_HOME: paths.stateDir,
    QUOTA_BROKER_API_URL: apiUrl,
    QUOTA_BROKER_TOKEN_URL: `${apiUrl}/token`,
    TZ: 'UTC',
    // The words are checked here; the colours in the test marked "colours".
    NO_COLOR: '1',
    ...extra,
  };
}

function runBundle(input: string, e: NodeJS.ProcessEnv, args: string[] = []) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, 'statusline', ...args], {
    input,
    env: e,
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { ...r, ms: Date.now() - started };
}

function standIns(stateDir: string): string[] {
  return existsSync(stateDir) ? readdirSync(stateDir).filter((n) => /^stand-in-\d+\.json$/.test(n)) : [];
}

/** Refreshes the statuslines started: each writes this line to the log before it spawns one (and exits after). */
function startsLogged(log: string): number {
  return existsSync(log) ? readFileSync(log, 'utf8').split('starting a detached refresh').length - 1 : 0;
}

describe('bundled statusline', () => {
  it('loads no valibot and no schema module: the per-update path uses the hand-checked readers', () => {
    // Positive control: the hand-checked readers are in, so the list is the real one.
    expect(bundledInputs).toContain('shared/domain/schemas/cache-fast.ts');
    expect(bundledInputs.filter((f) => f.includes('node_modules/valibot'))).toEqual([]);
    const valibotFree = ['shared/domain/schemas/cache-fast.ts', 'shared/domain/schemas/words.ts'];
    const schemaModules = bundledInputs.filter((f) => f.startsWith('shared/domain/schemas/'));
    expect(schemaModules.filter((f) => !valibotFree.includes(f))).toEqual([]);
  });

  it('loads no YAML parser: the registry reader is its own bundle, loaded only for an old cache', () => {
    expect(bundledInputs).toContain('shared/cli/statusline/run-statusline.ts');
    expect(bundledInputs.filter((f) => f.includes('node_modules/yaml'))).toEqual([]);
    expect(bundledInputs).not.toContain('shared/adapters/registry/parse-registry.ts');
  });

  it("an old writer's cache: the session's slot comes from the registry (the lazily loaded bundle)", () => {
    const { paths } = makeTempPaths();
    const now = Date.now();
    mkdirSync(paths.stateDir, { recursive: true });
    writeFileSync(
      paths.cache,
      JSON.stringify({
        ts: now - 60_000,
        slots: {
          'slot-2': {
            email: 'second@example.com',
            status: 'active',
            last_fetched: now - 60_000,
            five_hour: { utilization: 12, resets_at: new Date(now + 2.5 * HOUR).toISOString() },
            seven_day: { utilization: 23, resets_at: new Date(now + 30.5 * HOUR).toISOString() },
          },
        },
      }),
    );
    writeFileSync(paths.registry, 'accounts:\n  - id: slot-2\n    config_dir: ~/.claude-2\n');
    const r = runBundle('{}', env(paths, { CLAUDE_CONFIG_DIR: join(paths.home, '.claude-2') }));
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^slot-2 ⏱:12%·2h 📅:30h\(23%\)@\w{3}\n$/);
  });

  it('garbage stdin, no cache: a line, exit 0, and one detached refresh whose output goes to the log', async () => {
    const { paths } = makeTempPaths();
    const r = runBundle(
      '{"not json',
      env(paths, { CLAUDE_CONFIG_DIR: join(paths.home, '.claude'), QB_MARK: 'x' }),
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('claude ❔no-cache 📅:?\n');
    await waitUntil(() => standIns(paths.stateDir).length > 0, 'the detached refresh');
    const [record] = standIns(paths.stateDir);
    const ran = JSON.parse(readFileSync(join(paths.stateDir, record), 'utf8'));
    expect(ran.argv).toEqual(['refresh', '--quiet']);
    // The environment passes through, minus the session's own account selection.
    expect(ran.env).toMatchObject({ QB_MARK: 'x', QUOTA_BROKER_HOME: paths.stateDir, HOME: paths.home });
    expect(ran.env.CLAUDE_CONFIG_DIR).toBeUndefined();
    await waitUntil(
      () => readFileSync(paths.log, 'utf8').includes('stand-in refresh ran'),
      'its output in the log',
    );
  });

  it('stdin rate_limits give fresh numbers with zero requests', () => {
    const { paths } = makeTempPaths();
    const now = Date.now();
    const dir = join(paths.home, '.claude-work');
    writeCache(paths, makeCache(now, { 'slot-1': makeSlot(now, { label: 'Work', config_dir: dir }) }));
    const s = Math.floor(now / 1000);
    const stdin = makeStdin(`${dir}/projects/p/s.jsonl`, {
      five: 64.4,
      seven: 80.6,
      fiveResetS: s + 4000,
      sevenResetS: s + 30 * 3600 + 60,
    });
    const r = runBundle(stdin, env(paths));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Work ⏱:64%·1h 📅:30h\(81%\)@\w{3}\n$/);
    expect(existsSync(join(paths.observationsDir, 'slot-1.json'))).toBe(true);
    expect(requests).toBe(0);
  });

  it('prints its line at the deadline when the writer never closes stdin, and exits 0 once it does', async () => {
    const { paths } = makeTempPaths();
    const child: ChildProcess = spawn(process.execPath, [bin, 'statusline'], {
      env: env(paths),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin?.write('{"session_id":"x",');
    const exited = new Promise((r) => child.on('exit', r));
    const line = await new Promise<string>((r) => child.stdout?.once('data', (d) => r(String(d))));
    // The line came while stdin was still open: the statusline did not wait for the writer.
    expect(line).toBe('claude ❔no-cache 📅:?\n');
    // The pending read sits in libuv's thread pool until the writer closes (Claude Code always does).
    child.stdin?.end();
    expect(await exited).toBe(0);
  });

  it('reads stdin from a file and ignores a terminal or /dev/null', () => {
    const { paths } = makeTempPaths();
    const fromDevNull = spawnSync(process.execPath, [bin, 'statusline'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: env(paths),
      encoding: 'utf8',
    });
    expect(fromDevNull).toMatchObject({ status: 0, stdout: 'claude ❔no-cache 📅:?\n' });
    const file = join(paths.home, 'stdin.json');
    writeFileSync(file, JSON.stringify({ transcript_path: `${paths.home}/.claude-z/projects/p/s.jsonl` }));
    const fromFile = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${bin}" statusline < "${file}"`], {
      env: env(paths),
      encoding: 'utf8',
    });
    expect(fromFile.stdout).toBe('claude-z ❔no-cache 📅:?\n');
  });

  it('concurrent statuslines with stale data start exactly one refresh', async () => {
    const { paths } = makeTempPaths();
    const now = Date.now();
    writeCache(
      paths,
      makeCache(
        now,
        { 'slot-1': makeSlot(now, { config_dir: join(paths.home, '.claude') }) },
        { ts: now - 2 * HOUR },
      ),
    );
    const runs = Array.from(
      { length: 6 },
      () =>
        new Promise<number | null>((r) => {
          const c = spawn(process.execPath, [bin, 'statusline'], {
            env: env(paths),
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          c.on('exit', r);
        }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0, 0, 0]);
    // Every statusline has exited, so every spawn it made is in the log: exactly one.
    expect(startsLogged(paths.log)).toBe(1);
    // Positive control: that one refresh really ran (the same record a second one would leave).
    await waitUntil(() => standIns(paths.stateDir).length === 1, 'the one refresh to run');
  });

  it('with a live broker lock it starts none', async () => {
    const { paths } = makeTempPaths();
    mkdirSync(`${paths.brokerLock}.lock`, { recursive: true });
    const r = runBundle('', env(paths));
    expect(r.stdout).toBe('claude ❔no-cache 📅:?\n');
    // The statusline has exited: no spawn was logged, so none can still come.
    expect(startsLogged(paths.log)).toBe(0);
    // Positive control: the same statusline without the lock starts one.
    rmSync(`${paths.brokerLock}.lock`, { recursive: true });
    expect(runBundle('', env(paths)).status).toBe(0);
    expect(startsLogged(paths.log)).toBe(1);
    await waitUntil(() => standIns(paths.stateDir).length === 1, 'the refresh once the lock is gone');
  });

  it('colours: --segment and --format print on the per-update path, coloured unless NO_COLOR', () => {
    const { paths } = makeTempPaths();
    const now = Date.now();
    const dir = join(paths.home, '.claude-work');
    writeCache(paths, makeCache(now, { 'slot-1': makeSlot(now, { label: 'Work', config_dir: dir }) }));
    mkdirSync(`${paths.brokerLock}.lock`, { recursive: true });
    const options = join(root, 'pkg', 'dist', 'statusline-options.cjs');
    // Without the options bundle, the line options must still work: they never load it.
    renameSync(options, `${options}.away`);
    try {
      const e = env(paths, { CLAUDE_CONFIG_DIR: dir, NO_COLOR: '' });
      const seg = runBundle('{}', e, ['--segment', '--format', '{label}|{weekly}']);
      expect(seg.status).toBe(0);
      expect(seg.stdout).toMatch(/^Work\|\u001b\[32m📅:\d+h\(51%\)@\w{3}\u001b\[22;39m\n$/);
      const noColour = runBundle('{}', env(paths, { CLAUDE_CONFIG_DIR: dir }), ['--format={label}|{weekly}']);
      expect(noColour.stdout).toMatch(/^Work\|📅:\d+h\(51%\)@\w{3}\n$/);
    } finally {
      renameSync(`${options}.away`, options);
    }
    // Anything else still goes to the options (and an unknown one is refused there).
    const bad = runBundle('', env(paths), ['--segment', '--bogus']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('statusline does not take --bogus. Run: quota-broker statusline --help');
    expect(bad.status).toBe(64);
    const mixed = runBundle('', env(paths), ['--install', '--segment']);
    expect(mixed.status).not.toBe(0);
    expect(mixed.stderr).toContain(
      'statusline prints the line with --segment; it does not combine with --install',
    );
  });

  it('--install writes a command that runs the statusline; --help and bad options', () => {
    const { paths } = makeTempPaths();
    const dir = join(paths.home, '.claude');
    writeFileSync(join(dir, 'settings.json'), '{\n  "model": "opus"\n}\n');
    const inst = runBundle('', env(paths), ['--install', '--config-dir', dir]);
    expect(inst.status).toBe(0);
    expect(inst.stdout).toContain('Added the Quota Broker statusline');
    const { command } = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).statusLine;
    expect(command).toContain(process.execPath);
    expect(command).toContain(join(root, 'pkg', 'bin', 'quota-broker.cjs'));
    mkdirSync(`${paths.brokerLock}.lock`, { recursive: true });
    const viaShell = spawnSync('/bin/sh', ['-c', command], {
      input: '{}',
      env: env(paths),
      encoding: 'utf8',
    });
    expect(viaShell.stdout).toBe('claude ❔no-cache 📅:?\n');
    expect(runBundle('', env(paths), ['--uninstall', '--config-dir', dir]).status).toBe(0);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{\n  "model": "opus"\n}\n');

    const help = runBundle('', env(paths), ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--install');
    const bad = runBundle('', env(paths), ['--instal']);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toBe(
      'quota-broker: statusline does not take --instal. Run: quota-broker statusline --help\n',
    );
    const notJson = join(paths.home, 'broken');
    mkdirSync(notJson);
    writeFileSync(join(notJson, 'settings.json'), '{,}');
    const refused = runBundle('', env(paths), ['--install', `--config-dir=${notJson}`]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('is not valid JSON');
  });

  it('the installed command runs node without NODE_EXTRA_CA_CERTS and hands it to the refresh', async () => {
    const { paths, root: tmp } = makeTempPaths();
    const dir = join(paths.home, '.claude');
    const certs = makeTestCerts(tmp, ['localhost']);
    expect(runBundle('', env(paths), ['--install', '--config-dir', dir]).status).toBe(0);
    const { command } = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).statusLine;
    const viaShell = (extra: Record<string, string>) =>
      spawnSync('/bin/sh', ['-c', command], {
        input: '{"not json',
        env: env(paths, { CLAUDE_CONFIG_DIR: dir, ...extra }),
        encoding: 'utf8',
      });
    const withCa = viaShell({ NODE_EXTRA_CA_CERTS: certs.caPath });
    expect(withCa.status).toBe(0);
    expect(withCa.stderr).toBe('');
    // The data is missing, so this one starts the detached refresh (the stand-in records its env).
    await waitUntil(() => standIns(paths.stateDir).length > 0, 'the detached refresh');
    const ran = JSON.parse(readFileSync(join(paths.stateDir, standIns(paths.stateDir)[0]), 'utf8'));
    expect(ran.env.NODE_EXTRA_CA_CERTS).toBe(certs.caPath);
    expect(ran.env).not.toHaveProperty('QUOTA_BROKER_EXTRA_CA_CERTS');
    const without = viaShell({});
    expect(withCa.stdout).toBe('claude ❔no-cache 📅:?\n');
    expect(without.stdout).toBe(withCa.stdout);
  });

  it('a session without NODE_EXTRA_CA_CERTS: the refresh gets none either', async () => {
    const { paths } = makeTempPaths();
    const dir = join(paths.home, '.claude');
    expect(runBundle('', env(paths), ['--install', '--config-dir', dir]).status).toBe(0);
    const { command } = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).statusLine;
    const r = spawnSync('/bin/sh', ['-c', command], {
      input: '{"not json',
      env: env(paths, { CLAUDE_CONFIG_DIR: dir, QB_MARK: 'y' }),
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('claude ❔no-cache 📅:?\n');
    await waitUntil(() => standIns(paths.stateDir).length > 0, 'the detached refresh');
    const ran = JSON.parse(readFileSync(join(paths.stateDir, standIns(paths.stateDir)[0]), 'utf8'));
    expect(ran.env.QB_MARK).toBe('y');
    expect(ran.env).not.toHaveProperty('NODE_EXTRA_CA_CERTS');
    expect(ran.env).not.toHaveProperty('QUOTA_BROKER_EXTRA_CA_CERTS');
  });
});
