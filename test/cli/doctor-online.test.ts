/**
 * `doctor --online` finds out through the engine's own path (black-box, fake server): a token the server
 * refused while valid locally, and an inactive slot whose login still works. Offline it says what it
 * cannot know; online it names a dead login with its re-login and never harms a live one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCli } from '../support/run-cli';
import { createDoctorHome, type DoctorHome, expectNoToken } from './doctor-support';

let fake: FakeAnthropic;
let h: DoctorHome;

beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  h?.home.cleanup();
  await fake.close();
});

const FIND_OUT = 'run: quota-broker doctor --online (tries the refresh the broker would make)';

describe("a token the server refused while it is valid locally (the incident's cause)", () => {
  it('offline it is a problem, never "✓ valid"; online the refresh path names the dead login', async () => {
    h = createDoctorHome(fake, { slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    expect((await runCli(['refresh'], h.env())).code).toBe(0);
    // The server ends the session; the refresh right after the 401 fails for a moment (a 500).
    fake.revokeLogin('one@example.com');
    fake.setMode('token', '500');
    h.home.age(60_000); // past the minimum spacing between two calls of `refresh`
    await runCli(['refresh', '--slot', 'slot-1'], h.env());
    expect(h.home.readCache().slots['slot-1'].token_rejected_at).toEqual(expect.any(Number));

    const offline = await h.doctor();
    expect(offline.code).toBe(1);
    expect(offline.stdout).not.toMatch(/✓ access token valid/);
    expect(offline.stdout).toMatch(
      new RegExp(
        `✗ the server refused the access token \\d+s ago \\(401\\) although it is valid for [78]h here: the session was probably ended on the server; whether the login still works is unknown, and the slot is not recommended meanwhile → ${FIND_OUT.replace(/[()]/g, '\\$&')}`,
      ),
    );

    fake.setMode('token', 'normal');
    fake.resetStats();
    const online = await h.doctor(['--online']);
    expect(online.code).toBe(1);
    expect(online.stdout).toMatch(
      /✗ login dead: checked online just now, the refresh token was rejected \(.*invalid_grant.*\); only a re-login helps → run: quota-broker relogin slot-1/,
    );
    expect(fake.stats.tokenCalls).toEqual({ 'one@example.com': 1 });
    expect(fake.stats.refreshReuse).toBe(0);
    expectNoToken(online);
  });
});

describe('an inactive slot (an old tool marked it) whose login still works', () => {
  it('offline: unknown; online: it works, and slots enable puts it back in service', async () => {
    h = createDoctorHome(fake, { slots: [{ id: 'slot-1', email: 'one@example.com' }] });
    const text = readFileSync(h.home.registry, 'utf8').replace('status: active', 'status: inactive');
    writeFileSync(h.home.registry, text);
    const before = readFileSync(h.home.credentialsPath('slot-1'), 'utf8');

    const offline = await h.doctor();
    expect(offline.stdout).toContain(
      `✗ inactive (status: inactive in the registry) for a reason the broker did not record; no usage calls are made, and whether its login still works is unknown → ${FIND_OUT}`,
    );

    const online = await h.doctor(['--online']);
    expect(online.stdout).toContain(
      '✗ inactive (status: inactive in the registry), but its login works: checked online just now; the broker does not poll it while it is inactive → run: quota-broker slots enable slot-1',
    );
    // Its token was valid: the check only read it.
    expect(readFileSync(h.home.credentialsPath('slot-1'), 'utf8')).toBe(before);
    expect(fake.stats.tokenCalls).toEqual({});

    const enable = await runCli(['slots', 'enable', 'slot-1'], h.env());
    expect(enable.stdout).toBe('Slot slot-1 enabled and marked active: the next cycle checks its login.\n');
    const registry = parse(readFileSync(h.home.registry, 'utf8')) as { accounts: { status: string }[] };
    expect(registry.accounts[0].status).toBe('active');
    expect(readFileSync(h.home.registry, 'utf8')).toContain('this comment must survive broker writes');
    await runCli(['refresh'], h.env());
    expect(h.home.readCache().slots['slot-1']).toMatchObject({ status: 'active', health: 'ok' });
  });
});
