import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { BIN, type CliRun, runCli } from '../support/run-cli';
import { createStandInBin } from '../support/stand-in-bin';
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

const LOGIN_URL = 'https://claude.ai/oauth/authorize?code=true&client_id=9d1c250a&state=test-state';

/**
 * A stand-in `claude`: `--version` answers at once; `auth login` records its pid, arguments and environment,
 * prints the sign-in URL like Claude Code 2.1.332, then (mode `ok`) writes the new login into its config dir
 * (`$CLAUDE_CONFIG_DIR`, else `~/.claude`), or hangs (`hang`), or fails (`fail`).
 */
function addStandInClaude(dir: string): { bin: string; out: string } {
  const out = join(dir, 'claude-out');
  mkdirSync(out, { recursive: true });
  const bin = createStandInBin(dir).add(
    'claude',
    `case "$1" in --version) echo "2.1.332 (Claude Code)"; exit 0;; esac
echo $$ > "${out}/pid"
env > "${out}/env"
echo "$*" > "${out}/args"
echo "Opening browser to sign in…"
echo "If the browser didn't open, visit:"
echo "${LOGIN_URL}"
case "$FAKE_CLAUDE_MODE" in
  hang) exec sleep 600 ;;
  fail) echo "OAuth error: access_denied" >&2; exit 1 ;;
esac
sleep 0.2
dir="\${CLAUDE_CONFIG_DIR:-$HOME/.claude}"
printf '{"claudeAiOauth":{"accessToken":"%s","refreshToken":"%s","expiresAt":%s,"scopes":["user:profile","user:inference"],"subscriptionType":"max"}}' "$FAKE_NEW_ACCESS" "$FAKE_NEW_REFRESH" "$FAKE_NEW_EXPIRES" > "$dir/.credentials.json"
echo "Login successful."`,
  );
  return { bin, out };
}

/** Environment whose variables a re-login must not pass to claude, with a fresh login for `email` at the fake. */
function loginEnv(claude: string, email: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const pair = fake.addAccount({ email });
  return home.env({
    QUOTA_BROKER_CLAUDE: claude,
    FAKE_NEW_ACCESS: pair.accessToken,
    FAKE_NEW_REFRESH: pair.refreshToken,
    FAKE_NEW_EXPIRES: String(Date.now() + 8 * 3600_000),
    CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-test-must-not-leak',
    ANTHROPIC_API_KEY: 'sk-ant-api03-test-must-not-leak',
    CLAUDE_SECURESTORAGE_CONFIG_DIR: '/tmp/must-not-leak',
    ...extra,
  });
}

const childEnv = (out: string) =>
  Object.fromEntries(
    readFileSync(join(out, 'env'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const expectNoToken = (run: CliRun) => expect(`${run.stdout}${run.stderr}`).not.toMatch(/sk-ant-/);

describe('quota-broker relogin', () => {
  it('brings a dead slot back: URL shown, cleaned environment, slot active in cache and registry', async () => {
    home = createTempHome({
      fake,
      slots: [
        { id: 'slot-1', email: 'one@example.com' },
        { id: 'slot-2', email: 'two@example.com', accessExpiresAt: Date.now() - 3600_000 },
      ],
      settings: { token_refresh: 'locked' },
    });
    fake.revokeLogin('two@example.com');
    await runCli(['refresh'], home.env());
    expect(home.readCache().slots['slot-2']).toMatchObject({ status: 'inactive', health: 'login_dead' });

    const claude = addStandInClaude(home.home);
    const run = await runCli(['relogin', 'slot-2'], loginEnv(claude.bin, 'two@example.com'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Logging in two@example.com for slot slot-2 (CLAUDE_CONFIG_DIR=${home.dirOf('slot-2')}).`,
    );
    expect(run.stdout).toContain(`If the browser did not open, visit:\n  ${LOGIN_URL}\n`);
    expect(run.stdout).toMatch(
      /slot-2 is back in service: status active, health ok \(5-hour \d+%, weekly \d+%\)\./,
    );
    expectNoToken(run);

    expect(readFileSync(join(claude.out, 'args'), 'utf8').trim()).toBe(
      'auth login --claudeai --email two@example.com',
    );
    const env = childEnv(claude.out);
    expect(env.CLAUDE_CONFIG_DIR).toBe(home.dirOf('slot-2'));
    for (const key of ['CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_API_KEY', 'CLAUDE_SECURESTORAGE_CONFIG_DIR'])
      expect(env).not.toHaveProperty(key);

    expect(home.readCache().slots['slot-2']).toMatchObject({ status: 'active', health: 'ok' });
    expect(readFileSync(home.registry, 'utf8')).toMatch(/id: slot-2 .*\n.*\n\s+status: active/);
    const doctor = await runCli(['doctor', '--json'], home.env());
    expect(
      JSON.parse(doctor.stdout).findings.filter(
        (f: { scope: string; level: string }) => f.scope === 'slot-2' && f.level !== 'ok',
      ),
    ).toEqual([]);
  });

  it('the default account runs with CLAUDE_CONFIG_DIR unset', async () => {
    home = createTempHome({
      fake,
      slots: [{ id: 'main', email: 'me@example.com', dirName: '.claude', noCredentials: true }],
    });
    const claude = addStandInClaude(home.home);
    const run = await runCli(
      ['relogin', 'main'],
      loginEnv(claude.bin, 'me@example.com', { CLAUDE_CONFIG_DIR: '/tmp/not-this-one' }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(default account, CLAUDE_CONFIG_DIR unset)');
    expect(childEnv(claude.out)).not.toHaveProperty('CLAUDE_CONFIG_DIR');
    expect(existsSync(join(home.home, '.claude', '.credentials.json'))).toBe(true);
    expect(home.readCache().slots.main).toMatchObject({ status: 'active', health: 'ok' });
  });

  it('with no registry, the dead default account is still re-logged with CLAUDE_CONFIG_DIR unset', async () => {
    home = createTempHome({
      fake,
      noRegistry: true,
      slots: [{ id: 'x', email: 'me@example.com', dirName: '.claude', noCredentials: true }],
    });
    const claude = addStandInClaude(home.home);
    const run = await runCli(
      ['relogin', 'default'],
      loginEnv(claude.bin, 'me@example.com', { CLAUDE_CONFIG_DIR: '/tmp/not-this-one' }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(default account, CLAUDE_CONFIG_DIR unset)');
    expect(childEnv(claude.out)).not.toHaveProperty('CLAUDE_CONFIG_DIR');
    expect(home.readCache().slots.default).toMatchObject({ status: 'active', health: 'ok' });
  });

  it('Ctrl-C cancels: the child is ended and the exit code is 130', async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    const claude = addStandInClaude(home.home);
    const child = spawn(process.execPath, [BIN, 'relogin', 'slot-1'], {
      env: loginEnv(claude.bin, 'one@example.com', { FAKE_CLAUDE_MODE: 'hang' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.includes(LOGIN_URL)) resolve();
      }),
    );
    const pid = Number(readFileSync(join(claude.out, 'pid'), 'utf8'));
    expect(isAlive(pid)).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(130);
    expect(stderr).toContain('Cancelled: claude was stopped');
    expect(isAlive(pid)).toBe(false);
  });

  it('a timeout ends the child and says so', async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    const claude = addStandInClaude(home.home);
    const run = await runCli(
      ['relogin', 'slot-1', '--timeout', '1'],
      loginEnv(claude.bin, 'one@example.com', { FAKE_CLAUDE_MODE: 'hang' }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'No login after 1 s; claude was stopped. Try again: quota-broker relogin slot-1',
    );
    expect(isAlive(Number(readFileSync(join(claude.out, 'pid'), 'utf8')))).toBe(false);
  });

  it("a failed login is reported with claude's words and leaves the slot as it was", async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    const claude = addStandInClaude(home.home);
    const before = readFileSync(home.credentialsPath('slot-1'), 'utf8');
    const run = await runCli(
      ['relogin', 'slot-1'],
      loginEnv(claude.bin, 'one@example.com', { FAKE_CLAUDE_MODE: 'fail' }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('claude auth login failed (exit 1): OAuth error: access_denied');
    expect(readFileSync(home.credentialsPath('slot-1'), 'utf8')).toBe(before);
  });

  it('says what to do without a claude CLI, for an unknown slot, and without a slot', async () => {
    home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    const noClaude = await runCli(['relogin', 'slot-1'], home.env());
    expect(noClaude.code).toBe(1);
    expect(noClaude.stderr).toContain('set QUOTA_BROKER_CLAUDE to its path');
    const unknown = await runCli(['relogin', 'slot-9'], home.env());
    expect(unknown.stderr).toContain('There is no slot "slot-9" (slots: slot-1)');
    expect((await runCli(['relogin'], home.env())).code).toBe(64);
  });
});
