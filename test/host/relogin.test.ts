/**
 * Re-login through the shared host with a stand-in `claude`: the progress a user follows (starting →
 * waiting for the browser → verifying → done), the slot refreshed afterwards, and every refusal or
 * failure as a value or a `failed` phase — with no token in any message.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuotaHost, type QuotaHost } from '../../shared/host/quota-host';
import type { ReloginProgress } from '../../shared/ipc/contract';
import { isAlive, makeStandInClaude } from '../adapters/claude/stand-in-claude';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import type { TempHome } from '../support/temp-home';
import { createEngine, createFakeDaemon, createTwoSlotHome, type FakeDaemon } from './support';

let fake: FakeAnthropic;
let home: TempHome;
let claude: ReturnType<typeof makeStandInClaude>;
let daemon: FakeDaemon;
let host: QuotaHost | undefined;
let record: string;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTwoSlotHome(fake);
  claude = makeStandInClaude();
  record = join(claude.dir, 'record.json');
  daemon = createFakeDaemon('broker');
});
afterEach(async () => {
  await host?.stop();
  host = undefined;
  claude.cleanup();
  home.cleanup();
  await fake.close();
});

async function start(
  login: 'success' | 'fail' | 'hang',
  opts: { claudeBin?: string | null; reloginTimeoutMs?: number } = {},
): Promise<{ host: QuotaHost; progress: ReloginProgress[] }> {
  const engine = await createEngine(home, {
    QUOTA_BROKER_CLAUDE: claude.bin,
    FAKE_CLAUDE_LOGIN: login,
    FAKE_CLAUDE_RECORD: record,
    CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-must-not-reach-the-child',
  });
  if (opts.claudeBin !== undefined) engine.claudeBin = opts.claudeBin;
  host = createQuotaHost({
    engine,
    now: Date.now,
    surface: 'serve',
    startDaemon: daemon.start,
    reloginTimeoutMs: opts.reloginTimeoutMs,
  });
  const progress: ReloginProgress[] = [];
  host.onReloginProgress((p) => progress.push(p));
  return { host, progress };
}

const phases = (progress: ReloginProgress[]) => progress.map((p) => p.phase);
const last = (progress: ReloginProgress[]) => progress.at(-1)?.phase;
const recorded = () =>
  JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; env: NodeJS.ProcessEnv; pid: number };

describe('re-login through the shared host', () => {
  it('signs the slot in with its own config dir, then refreshes that slot and says it is done', async () => {
    const { host: h, progress } = await start('success');
    expect(await h.relogin('slot-2')).toEqual({ ok: true, value: { started: true } });
    await expect.poll(() => last(progress), { timeout: 10_000 }).toBe('done');
    expect(phases(progress)).toEqual(['starting', 'waiting_for_browser', 'verifying', 'done']);
    expect(progress[1].url).toBe('https://claude.ai/oauth/authorize?code=true&login_hint=a%40example.com');
    const child = recorded();
    expect(child.argv).toEqual(['auth', 'login', '--claudeai', '--email', 'two@example.com']);
    expect(child.env.CLAUDE_CONFIG_DIR).toBe(home.dirOf('slot-2'));
    expect(child.env.CLAUDE_CODE_OAUTH_TOKEN).toBeUndefined();
    expect(daemon.cycles).toEqual([{ force: true, slot: 'slot-2' }]);
  });

  it('reports a failed login without the token it printed, and refreshes nothing', async () => {
    const { host: h, progress } = await start('fail');
    await h.relogin('slot-1');
    await expect.poll(() => last(progress), { timeout: 10_000 }).toBe('failed');
    expect(progress.at(-1)?.message).toMatch(/claude auth login failed \(exit 1\)/);
    expect(JSON.stringify(progress)).not.toContain('sk-ant-ort01-test-leak');
    expect(daemon.cycles).toEqual([]);
  });

  it('refuses a second re-login for the same slot and cancels the running one', async () => {
    const { host: h, progress } = await start('hang');
    const [first, second] = await Promise.all([h.relogin('slot-1'), h.relogin('slot-1')]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'already_running' } });
    await expect.poll(() => last(progress), { timeout: 10_000 }).toBe('waiting_for_browser');
    expect(await h.cancelRelogin('slot-1')).toEqual({ ok: true, value: { cancelled: true } });
    await expect.poll(() => last(progress), { timeout: 10_000 }).toBe('cancelled');
    expect(isAlive(recorded().pid)).toBe(false);
    expect(await h.cancelRelogin('slot-1')).toEqual({ ok: true, value: { cancelled: false } });
    expect(await h.relogin('slot-1')).toEqual({ ok: true, value: { started: true } });
  });

  it('gives up on a sign-in that does not finish in time', async () => {
    const { host: h, progress } = await start('hang', { reloginTimeoutMs: 400 });
    await h.relogin('slot-1');
    await expect.poll(() => last(progress), { timeout: 10_000 }).toBe('failed');
    expect(progress.at(-1)?.message).toBe('The sign-in did not finish within 400 ms.');
  });

  it('says the refresh failed when the login worked but the numbers could not be read', async () => {
    const { host: h, progress } = await start('success');
    daemon.onCycle = async () => {
      throw new Error('usage endpoint down');
    };
    await h.relogin('slot-1');
    await expect.poll(() => last(progress), { timeout: 10_000 }).toBe('failed');
    expect(progress.at(-1)?.message).toBe('Signed in, but the refresh failed: usage endpoint down');
  });

  it.each([
    ['no claude CLI', 'slot-1', 'no_claude'],
    ['an unknown slot', 'slot-9', 'unknown_slot'],
    ['a slot without any email', 'slot-1', 'no_email'],
  ])('answers %s as an error value and starts nothing', async (what, slot, code) => {
    if (what === 'a slot without any email') rmSync(join(home.dirOf('slot-1'), '.claude.json'));
    const { host: h, progress } = await start('success', {
      claudeBin: what === 'no claude CLI' ? null : undefined,
    });
    expect(await h.relogin(slot)).toMatchObject({ ok: false, error: { code } });
    expect(progress).toEqual([]);
    expect(() => readFileSync(record)).toThrow();
  });

  it('ends a running login when the host stops', async () => {
    const { host: h, progress } = await start('hang');
    await h.relogin('slot-2');
    await expect.poll(() => last(progress), { timeout: 10_000 }).toBe('waiting_for_browser');
    await h.stop();
    host = undefined;
    expect(last(progress)).toBe('cancelled');
    expect(isAlive(recorded().pid)).toBe(false);
    expect(daemon.stopped).toBe(true);
  });
});
