/**
 * The CLI as an npm package, the way a user gets it: `npm pack` in a scratch checkout, `npm install -g`
 * of that tarball into an empty prefix, then every command run through the installed `quota-broker`
 * against the fake Anthropic server. Also what the tarball holds, and that the installed package brings
 * only its runtime dependencies.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginStandIn } from '../browser/support/login-stand-in';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { defaultUsage } from '../fake-anthropic/default-usage';
import { REPO } from '../support/run-cli';
import { createScratchCheckout, type ScratchCheckout } from '../support/scratch-checkout';
import { createStandInBin, type StandInBin } from '../support/stand-in-bin';
import { createTempHome, type TempHome } from '../support/temp-home';
import { runInGroup } from './support/process-group';

const PKG = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const STDIN = readFileSync(join(REPO, 'test', 'fixtures', 'statusline-stdin.json'), 'utf8');
const HOUR_MS = 3_600_000;

let checkout: ScratchCheckout;
let temp: string;
let packed: { filename: string; files: { path: string }[] };
let prefix: string;
let installMs: number;
let fake: FakeAnthropic;
let home: TempHome;
let bin: StandInBin;

/** The parent npm's own settings (npm test passes npm_* variables) must not steer these npm runs. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    env: npmEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

beforeAll(async () => {
  checkout = createScratchCheckout();
  temp = mkdtempSync(join(tmpdir(), 'qb-cli-package-'));
  [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', temp], checkout.root));
  prefix = join(temp, 'prefix');
  const started = Date.now();
  npm(['install', '--global', '--prefix', prefix, '--prefer-offline', join(temp, packed.filename)], temp);
  installMs = Date.now() - started;
  fake = await createFakeAnthropic();
  home = createTempHome({
    fake,
    slots: [
      { id: 'slot-1', email: 'one@example.com', label: 'Work' },
      { id: 'slot-2', email: 'two@example.com', accessExpiresAt: Date.now() - HOUR_MS },
    ],
    settings: { token_refresh: 'locked' },
  });
  // Resets ahead of the clock, so the lines show hours and weekdays rather than "reset".
  const usage = defaultUsage() as Record<string, { resets_at: string }>;
  usage.five_hour.resets_at = new Date(Date.now() + 2.5 * HOUR_MS).toISOString();
  usage.seven_day.resets_at = new Date(Date.now() + 27.5 * HOUR_MS).toISOString();
  fake.setUsage('one@example.com', usage);
  bin = createStandInBin(home.home);
  bin.addRecorder('systemctl');
  bin.add('crontab', 'exit 1');
});
afterAll(async () => {
  await fake?.close();
  home?.cleanup();
  checkout?.cleanup();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const installedBin = () => join(prefix, 'bin', 'quota-broker');
const packageDir = () => join(prefix, 'lib', 'node_modules', 'quota-broker');
const env = (extra: NodeJS.ProcessEnv = {}) =>
  home.env({ PATH: `${join(prefix, 'bin')}:${bin.path}`, ...extra });

/** The installed command, by name from PATH, as a user types it (async: the fake server runs here). */
function qb(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; command?: string } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = opts.command
      ? spawn('sh', ['-c', opts.command], { env: opts.env ?? env() })
      : spawn('quota-broker', args, { env: opts.env ?? env() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

describe('the npm package', () => {
  it('holds the bin, the built CLI, statusline and dashboard, and nothing else', () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'bin/quota-broker.cjs',
        'dist/cli.cjs',
        'dist/cli-launch.cjs',
        'dist/statusline.cjs',
        'dist/statusline-options.cjs',
        'dist/statusline-registry.cjs',
        'dist/renderer/index.html',
        'package.json',
        'README.md',
      ]),
    );
    const unexpected = paths.filter(
      (p) =>
        !/^(bin\/quota-broker\.cjs|dist\/(cli|cli-launch|statusline|statusline-options|statusline-registry)\.cjs|dist\/renderer\/(index\.html|assets\/[\w-]+\.(js|css))|package\.json|README\.md)$/.test(
          p,
        ),
    );
    expect(unexpected).toEqual([]);
    expect(paths.some((p) => p.endsWith('.ts') || p.endsWith('.tsx') || p.endsWith('.map'))).toBe(false);
  });

  it(`installs from the tarball into an empty prefix (measured, not asserted: see docs/BENCHMARKS.md)`, () => {
    console.log(`[cli-package] npm install -g ${packed.filename}: ${installMs} ms`);
    expect(realpathSync(installedBin())).toBe(join(packageDir(), 'bin', 'quota-broker.cjs'));
  });

  it('brings only its runtime dependencies: keytar (optional, the Secret Service store) and what keytar needs', () => {
    const tree = JSON.parse(npm(['ls', '--omit=dev', '--all', '--json'], packageDir()));
    expect(Object.keys(tree.dependencies ?? {})).toEqual(['keytar']);
    const names = new Set<string>();
    const walk = (deps: Record<string, { dependencies?: object }> = {}) => {
      for (const [name, dep] of Object.entries(deps)) {
        names.add(name);
        walk(dep.dependencies as Record<string, { dependencies?: object }>);
      }
    };
    walk(tree.dependencies);
    for (const devOnly of [...Object.keys(PKG.devDependencies), 'react-dom', 'electron']) {
      expect(names.has(devOnly), devOnly).toBe(false);
    }
  });
});

describe('every command of the installed quota-broker', () => {
  it('--version, --help and slots list', async () => {
    expect(await qb(['--version'])).toMatchObject({ code: 0, stdout: `${PKG.version}\n` });
    expect((await qb(['--help'])).stdout).toContain('Usage: quota-broker <command> [options]');
    const slots = await qb(['slots', 'list']);
    expect(slots.code).toBe(0);
    expect(slots.stdout).toContain('slot-1');
    expect(slots.stdout).toContain('slot-2');
  });

  it('refresh, status and doctor --json against the fake server', async () => {
    const refresh = await qb(['refresh', '--json']);
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(home.readCache().slots['slot-1']).toMatchObject({ health: 'ok', five_hour: { utilization: 52 } });
    // slot-2's expired token was refreshed through the token endpoint (locked mode).
    expect(home.readCache().slots['slot-2']).toMatchObject({ health: 'ok' });
    const status = await qb(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('one@example.com');
    expect(status.stdout).toContain('52%');
    const doctor = await qb(['doctor', '--json']);
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = JSON.parse(doctor.stdout);
    expect(report).toMatchObject({ version: 1, healthy: true, summary: { problems: 0, slots: 2 } });
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'registry_ok' }));
  });

  it('statusline prints the line for the session on stdin', async () => {
    const line = await qb(['statusline'], {
      input: STDIN,
      env: env({ CLAUDE_CONFIG_DIR: home.dirOf('slot-1') }),
    });
    expect(line.code).toBe(0);
    expect(line.stdout).toMatch(/^Work ⏱:52%·2h 📅:27h\(17%\)@\w{3}\n$/);
  });

  it('statusline --install writes the absolute path of the installed bin, and that command works', async () => {
    const configDir = home.dirOf('slot-1');
    const run = await qb(['statusline', '--install', '--config-dir', configDir]);
    expect(run.code, run.stderr).toBe(0);
    const { command } = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')).statusLine;
    // npm replaces <prefix>/lib/node_modules/quota-broker in place on upgrade: the path stays valid.
    expect(command).toBe(
      `QUOTA_BROKER_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS= ${process.execPath} ${join(packageDir(), 'bin', 'quota-broker.cjs')} statusline`,
    );
    const shell = await qb([], {
      command,
      input: STDIN,
      env: { ...env(), PATH: '/usr/bin:/bin', CLAUDE_CONFIG_DIR: configDir },
    });
    expect(shell.code).toBe(0);
    expect(shell.stdout).toMatch(/^Work ⏱:52%·2h 📅:27h\(17%\)@\w{3}\n$/);
  });

  it('service install points the unit at the installed bin', async () => {
    const run = await qb(['service', 'install']);
    expect(run.code, run.stderr).toBe(0);
    const unit = readFileSync(join(home.home, '.config', 'systemd', 'user', 'quota-broker.service'), 'utf8');
    expect(unit).toContain(
      `ExecStart="${process.execPath}" "${join(packageDir(), 'bin', 'quota-broker.cjs')}" "daemon"`,
    );
    expect(bin.calls('systemctl')).toContain('--user enable --now quota-broker.service');
  });

  it('relogin runs claude auth login for the slot and brings it back', async () => {
    const standIn = createLoginStandIn(home.home);
    standIn.prepare('two@example.com', {
      ...fake.addAccount({ email: 'two@example.com' }),
      expiresAt: Date.now() + 8 * HOUR_MS,
    });
    const run = await qb(['relogin', 'slot-2'], { env: env({ QUOTA_BROKER_CLAUDE: standIn.bin }) });
    expect(run.code, run.stderr).toBe(0);
    expect(standIn.calls().map((c) => c.argv.slice(0, 2))).toContainEqual(['auth', 'login']);
    expect(home.readCache().slots['slot-2']).toMatchObject({ status: 'active', health: 'ok' });
  });

  it('serve answers with the dashboard from the package’s own assets', async () => {
    const serve = runInGroup(installedBin(), ['serve'], { cwd: temp, env: env() });
    try {
      const [, url] = await serve.waitFor(
        /Quota Broker dashboard: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/,
      );
      const page = await fetch(url);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = html.match(/src="\.\/(assets\/[\w-]+\.js\?token=[\w-]+)"/)?.[1];
      expect(script, html).toBeDefined();
      expect((await fetch(new URL(script ?? '', url))).status).toBe(200);
    } finally {
      await serve.stop();
    }
  });

  it('daemon polls as the broker and stops on SIGTERM', async () => {
    const daemon = runInGroup(installedBin(), ['daemon'], { cwd: temp, env: env() });
    try {
      await daemon.waitFor(/Polling as the broker\./);
    } finally {
      await daemon.stop();
    }
    expect(daemon.output()).toContain(`quota-broker daemon (pid`);
  });
});
