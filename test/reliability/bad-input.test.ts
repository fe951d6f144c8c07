/**
 * Bad input matrix (issue #8), through the built CLI against the fake: each case names its expected outcome.
 * In every case the refresh finishes (exit 0 unless the cache could not be written), other slots keep
 * working, nothing a person wrote is overwritten, and no token leaks into any output.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic, type FakeMode } from '../fake-anthropic';
import { aliasBomb } from '../support/hostile-registry';
import { type CliRun, runCli } from '../support/run-cli';
import { createSecretCollector } from '../support/secret-scan';
import { createTempHome, type TempHome } from '../support/temp-home';

const secrets = createSecretCollector();
let fake: FakeAnthropic;
let home: TempHome;
const TWO = [
  { id: 'slot-1', email: 'bad-1@example.com' },
  { id: 'slot-2', email: 'bad-2@example.com' },
];

beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  secrets.addTokens(fake.issuedTokens());
  if (home) {
    secrets.scanDirs([home.stateDir]);
    home.cleanup();
  }
  await fake.close();
});
afterAll(() => expect(secrets.finish().findings).toEqual([]));

async function refresh(args: string[] = []): Promise<CliRun> {
  const run = await runCli(['refresh', ...args], home.env(), { timeoutMs: 60_000 });
  secrets.addText(`refresh ${args.join(' ')}`, run.stdout + run.stderr);
  return run;
}

describe('the registry', () => {
  it('unparseable YAML → the error names file:line:col, the file is not rewritten, the last good registry keeps polling', async () => {
    home = createTempHome({ fake, slots: TWO });
    expect((await refresh()).code).toBe(0);
    const broken = 'accounts:\n  - id: slot-1\n    config_dir: [unclosed\n';
    writeFileSync(home.registry, broken);
    home.age(600_000);
    fake.resetStats();
    const run = await refresh();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/claude-sessions\.yaml:\d+:\d+/);
    expect(readFileSync(home.registry, 'utf8')).toBe(broken);
    expect(Object.keys(home.readCache().slots).sort()).toEqual(['slot-1', 'slot-2']);
    expect(fake.stats.usageCalls).toEqual({ 'bad-1@example.com': 1, 'bad-2@example.com': 1 });
  });

  it('an alias bomb (and enabled: no) → a RegistryError at file:line:col for status, doctor and refresh; the last good registry keeps polling', async () => {
    home = createTempHome({ fake, slots: TWO });
    expect((await refresh()).code).toBe(0);
    const good = readFileSync(home.registry, 'utf8');
    const bomb = aliasBomb(good.slice(good.indexOf('accounts:')));
    writeFileSync(home.registry, bomb);
    const where = new RegExp(`${home.registry}:2:\\d+: the slot registry expands its YAML aliases`);
    const status = await runCli(['status'], home.env());
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(where);
    expect(status.stderr).toBe('');
    const doctor = await runCli(['doctor', '--json'], home.env());
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout).findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'registry_invalid', level: 'problem' })]),
    );
    home.age(600_000);
    fake.resetStats();
    const run = await refresh();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(where);
    expect(fake.stats.usageCalls).toEqual({ 'bad-1@example.com': 1, 'bad-2@example.com': 1 });
    expect(readFileSync(home.registry, 'utf8')).toBe(bomb);

    // enabled: no is not a boolean: the same located error, not a slot that silently keeps polling.
    writeFileSync(home.registry, good.replace('id: slot-2', 'id: slot-2\n    enabled: no'));
    const careless = await runCli(['status'], home.env());
    expect(careless.stdout).toMatch(
      /claude-sessions\.yaml:\d+:\d+: accounts\[1\]\.enabled must be true or false \(got "no"/,
    );
  });

  it('duplicate slot ids → "slot id … appears twice", the file is not rewritten, no API call is guessed for either', async () => {
    home = createTempHome({ fake, slots: TWO });
    const text = readFileSync(home.registry, 'utf8').replace('id: slot-2', 'id: slot-1');
    writeFileSync(home.registry, text);
    const run = await refresh();
    expect(run.stderr).toContain('slot id slot-1 appears twice');
    expect(readFileSync(home.registry, 'utf8')).toBe(text);
    expect(fake.stats.usageCalls).toEqual({});
  });

  it('a config dir that does not exist → that slot is no_credentials and inactive with a relogin hint; the other slot is ok', async () => {
    home = createTempHome({ fake, slots: TWO });
    rmSync(home.dirOf('slot-2'), { recursive: true });
    const run = await refresh();
    expect(run.code).toBe(0);
    const cache = home.readCache();
    expect(cache.slots['slot-2']).toMatchObject({ status: 'inactive', health: 'no_credentials' });
    expect(cache.slots['slot-2'].last_error?.message).toContain('quota-broker relogin slot-2');
    expect(cache.slots['slot-1']).toMatchObject({ status: 'active', health: 'ok' });
  });
});

describe('the credential store', () => {
  it('a FIFO at .credentials.json → that slot is offline with a sentence naming the file, the other slot is ok, the run ends', async () => {
    home = createTempHome({ fake, slots: TWO });
    const path = home.credentialsPath('slot-2');
    rmSync(path);
    execFileSync('mkfifo', [path]);
    const run = await runCli(['refresh'], home.env(), { timeoutMs: 30_000 });
    secrets.addText('refresh (fifo)', run.stdout + run.stderr);
    expect(run.code).toBe(0);
    const cache = home.readCache();
    expect(cache.slots['slot-2']).toMatchObject({ status: 'active', health: 'offline' });
    expect(cache.slots['slot-2'].last_error?.message).toContain(`${path}: it is not a regular file`);
    expect(cache.slots['slot-1']).toMatchObject({ status: 'active', health: 'ok' });
    expect(fake.stats.usageCalls).toEqual({ 'bad-1@example.com': 1 });
  });

  it('broken credential JSON → an error naming the file (never its content), the file untouched, the slot stays active, no API call', async () => {
    home = createTempHome({ fake, slots: TWO });
    const broken = '{"claudeAiOauth": {"accessToken": "sk-ant-oat01-test-truncat';
    writeFileSync(home.credentialsPath('slot-1'), broken, { mode: 0o600 });
    const run = await refresh();
    expect(run.code).toBe(0);
    const entry = home.readCache().slots['slot-1'];
    expect(entry.status).toBe('active');
    expect(entry.last_error?.message).toContain('.credentials.json');
    expect(entry.last_error?.message).not.toContain('sk-ant');
    expect(readFileSync(home.credentialsPath('slot-1'), 'utf8')).toBe(broken);
    expect(fake.stats.usageCalls['bad-1@example.com'] ?? 0).toBe(0);
    expect(home.readCache().slots['slot-2'].health).toBe('ok');
  });

  it('a logged-out stub → login_dead and inactive, the stub is left as is, no token or usage call', async () => {
    home = createTempHome({ fake, slots: TWO, settings: { token_refresh: 'locked' } });
    const doc = home.readCredentials('slot-1');
    doc.claudeAiOauth = { ...doc.claudeAiOauth, accessToken: '', refreshToken: '', expiresAt: 0 };
    const stub = JSON.stringify(doc);
    writeFileSync(home.credentialsPath('slot-1'), stub, { mode: 0o600 });
    const run = await refresh();
    expect(run.code).toBe(0);
    expect(home.readCache().slots['slot-1']).toMatchObject({ status: 'inactive', health: 'login_dead' });
    expect(readFileSync(home.credentialsPath('slot-1'), 'utf8')).toBe(stub);
    expect(fake.stats.tokenCalls['bad-1@example.com'] ?? 0).toBe(0);
    expect(fake.stats.usageCalls['bad-1@example.com'] ?? 0).toBe(0);
  });
});

describe('usage answers', () => {
  it('an answer missing every field ({}) → a bad_response error saying so, the last good numbers kept, the slot active', async () => {
    home = createTempHome({ fake, slots: TWO });
    await refresh();
    const before = home.readCache().slots['slot-1'];
    home.age(600_000);
    fake.setUsage('bad-1@example.com', {});
    const run = await refresh();
    expect(run.code).toBe(0);
    const entry = home.readCache().slots['slot-1'];
    expect(entry.status).toBe('active');
    expect(entry.last_error).toMatchObject({ kind: 'bad_response' });
    expect(entry.last_error?.message).toContain('without any usage fields');
    expect(entry.five_hour).toEqual(before.five_hour);
    expect(home.readCache().slots['slot-2']).toMatchObject({ health: 'ok' });
  });

  it.each([
    ['huge', 'a ~5 MB answer is cut off'],
    ['binary', 'bytes that are not text'],
    ['garbage', 'truncated JSON'],
    ['html', 'a web page'],
  ] as const)(
    '%s (%s) → an error on the slot, the last good numbers kept, the slot active',
    async (mode, _what) => {
      home = createTempHome({ fake, slots: TWO });
      await refresh();
      const before = home.readCache().slots['slot-1'];
      home.age(600_000);
      fake.setMode('usage', mode as FakeMode);
      const run = await refresh();
      expect(run.code).toBe(0);
      const entry = home.readCache().slots['slot-1'];
      expect(entry.status).toBe('active');
      expect(entry.last_error).not.toBeNull();
      expect(entry.last_error?.message.length).toBeLessThan(400);
      expect(entry.five_hour).toEqual(before.five_hour);
    },
  );

  it('a hanging endpoint → a timeout error after request_timeout_s (3 s), the cycle finishes, the slot stays active with its last numbers', async () => {
    home = createTempHome({ fake, slots: TWO, settings: { request_timeout_s: 3 } });
    await refresh();
    const before = home.readCache().slots['slot-1'];
    home.age(600_000);
    fake.setMode('usage', 'hang');
    const run = await refresh();
    expect(run.code).toBe(0);
    const entry = home.readCache().slots['slot-1'];
    expect(entry).toMatchObject({ status: 'active' });
    expect(entry.last_error?.kind).toBe('timeout');
    expect(entry.health).toBe('offline');
    expect(entry.five_hour).toEqual(before.five_hour);
  });

  it('a hanging token endpoint (locked mode) → a transient refresh failure within the timeout, the login untouched, the slot active', async () => {
    home = createTempHome({
      fake,
      slots: [{ ...TWO[0], accessExpiresAt: Date.now() - 60_000 }],
      settings: { token_refresh: 'locked', request_timeout_s: 3, token_timeout_s: 3 },
    });
    const before = readFileSync(home.credentialsPath('slot-1'), 'utf8');
    fake.setMode('token', 'hang');
    const run = await refresh();
    expect(run.code).toBe(0);
    expect(home.readCache().slots['slot-1']).toMatchObject({ status: 'active', health: 'token_expired' });
    expect(readFileSync(home.credentialsPath('slot-1'), 'utf8')).toBe(before);
  });
});
