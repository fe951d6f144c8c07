/**
 * The local web dashboard end to end: the real `quota-broker serve` against the fake Anthropic server,
 * driven in Debian's Chromium. What a user sees: every slot with its numbers, a dead login named with a
 * Re-login button that brings it back without a reload, live refreshes, and no way in without the token.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { usageAhead } from '../fake-anthropic/default-usage';
import { runCli } from '../support/run-cli';
import { createTempHome, type TempHome, type TempSlot } from '../support/temp-home';
import { launchChromium } from './support/chromium';
import { createLoginStandIn } from './support/login-stand-in';
import { type PageProblems, watchPageProblems } from './support/page-problems';
import { rawRequest } from './support/raw-request';
import { type ServeProcess, startServe } from './support/serve-process';

const UI_TIMEOUT_MS = 20_000;
const HOUR_MS = 3_600_000;
const DEAD = 'two@example.com';
const THREE: TempSlot[] = [
  { id: 'slot-1', email: 'one@example.com' },
  { id: 'slot-2', email: DEAD, accessExpiresAt: Date.now() - 60_000 },
  { id: 'slot-3', email: 'three@example.com' },
];

let browser: Browser;
let context: BrowserContext;
let fake: FakeAnthropic;
let home: TempHome | undefined;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  // The fixture's reset times have passed; the bars show numbers only for windows still running.
  fake = await createFakeAnthropic({ defaultUsage: () => usageAhead() });
  context = await browser.newContext({ viewport: { width: 420, height: 900 } });
});
afterEach(async () => {
  await context.close();
  await serve?.stop();
  serve = undefined;
  home?.cleanup();
  home = undefined;
  await fake.close();
});

const row = (page: Page, email: string): Locator => page.getByRole('listitem', { name: email, exact: true });
const percent = (r: Locator, meter: string) =>
  r.getByRole('meter', { name: meter, exact: true }).getAttribute('aria-valuetext', { timeout: 1_000 });
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: UI_TIMEOUT_MS, interval: 100 });

const usageWith = (fiveHour: number, week: number) => usageAhead(fiveHour, week);

describe('quota-broker serve in Chromium', () => {
  it('shows every slot, re-logs a dead one in and follows a refresh, all without a reload', async () => {
    home = createTempHome({ fake, slots: THREE, settings: { token_refresh: 'locked' } });
    fake.revokeLogin(DEAD);
    const standIn = createLoginStandIn(home.home);
    // What signing in at claude.ai will yield (a new login; the dead one's tokens were revoked anyway).
    standIn.prepare(DEAD, { ...fake.addAccount({ email: DEAD }), expiresAt: Date.now() + 8 * HOUR_MS });
    serve = await startServe(
      home.env({
        QUOTA_BROKER_CLAUDE: standIn.bin,
        // Must not reach the login child: it would sign in with this instead of the slot's config dir.
        CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-test-must-not-reach-the-child',
      }),
    );
    const page = await context.newPage();
    const problems: PageProblems = watchPageProblems(page);
    await page.goto(serve.url);
    await page.evaluate('window.__qbMarker = "same-document"');
    expect(page.url()).toContain('token='); // kept: the server sets no cookie, the URL lets a reload in

    for (const email of ['one@example.com', 'three@example.com']) {
      await row(page, email).waitFor({ timeout: UI_TIMEOUT_MS });
      await poll(() => percent(row(page, email), '5-hour usage')).toBe('52%');
      await poll(() => percent(row(page, email), 'Weekly usage')).toBe('17%');
      await expect(row(page, email).getByText('Healthy', { exact: true }).isVisible()).resolves.toBe(true);
    }
    const dead = row(page, DEAD);
    const reloginButton = page.getByRole('button', { name: `Re-login ${DEAD}`, exact: true });
    await reloginButton.waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(dead.getByText('Login dead', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(dead.getByText('Inactive', { exact: true }).isVisible()).resolves.toBe(true);

    await reloginButton.click();
    const signIn = dead.getByRole('link', { name: 'Open the sign-in page' });
    await signIn.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await signIn.getAttribute('href')).toBe(
      'https://claude.ai/oauth/authorize?code=true&login_hint=two%40example.com',
    );
    // The phase is said once, not followed by the host restating it.
    const panelStatus = dead.getByRole('region', { name: `Re-login ${DEAD}` }).getByRole('status');
    expect(await panelStatus.textContent()).toMatch(
      /^(Waiting for you to sign in with your browser…|Checking the new login…)$/,
    );
    await poll(() => dead.getByText('Healthy', { exact: true }).count()).toBe(1);
    await poll(() => dead.getByText('Active', { exact: true }).count()).toBe(1);
    await poll(() => reloginButton.count()).toBe(0);
    await poll(() => percent(dead, '5-hour usage')).toBe('52%');
    expect(home.readCache().slots['slot-2']).toMatchObject({ status: 'active', health: 'ok' });
    const logins = standIn.calls().filter((c) => c.argv[0] === 'auth' && c.argv[1] === 'login');
    expect(logins).toEqual([
      {
        argv: ['auth', 'login', '--claudeai', '--email', DEAD],
        configDir: home.dirOf('slot-2'),
        overrides: [],
      },
    ]);

    // The engine ignores a forced refresh within 10 s of a slot's last call (FORCED_MIN_SPACING_MS).
    home.age(60_000);
    fake.setUsage('one@example.com', usageWith(77, 41));
    fake.setUsage(DEAD, usageWith(8, 3));
    await page.getByRole('button', { name: 'Refresh now', exact: true }).click();
    await poll(() => percent(row(page, 'one@example.com'), '5-hour usage')).toBe('77%');
    await poll(() => percent(row(page, 'one@example.com'), 'Weekly usage')).toBe('41%');
    await poll(() => percent(dead, '5-hour usage')).toBe('8%');
    expect(await percent(row(page, 'three@example.com'), '5-hour usage')).toBe('52%');

    expect(await page.evaluate('window.__qbMarker')).toBe('same-document');
    expect(problems.list).toEqual([]);
  });

  it('refuses requests without the token, with a wrong token, a foreign Host or a foreign Origin', async () => {
    home = createTempHome({ fake, slots: [THREE[0]] });
    serve = await startServe(home.env());
    const base = `http://127.0.0.1:${serve.port}`;
    const bearer = { Authorization: `Bearer ${serve.token}` };
    for (const path of ['/', '/api/state', '/api/events']) {
      const plain = await fetch(`${base}${path}`);
      expect(plain.status, path).toBe(401);
      expect(await plain.text()).not.toContain(serve.token);
    }
    expect((await fetch(`${base}/api/state`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(
      403,
    );
    expect((await fetch(`${base}/?token=nope`)).status).toBe(403);
    // The same request with the token gets in: the refusals above are the guard's, not a broken server.
    const allowed = await fetch(`${base}/api/state`, { headers: bearer });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ ok: true });

    const foreignHost = await rawRequest(serve.port, '/api/state', {
      ...bearer,
      Host: `evil.example:${serve.port}`,
    });
    expect(foreignHost.status).toBe(403);
    const rebinding = await rawRequest(serve.port, `/?token=${serve.token}`, { Host: 'evil.example' });
    expect(rebinding.status).toBe(403);
    const foreignOrigin = await rawRequest(serve.port, '/api/state', {
      ...bearer,
      Origin: 'http://evil.example',
    });
    expect(foreignOrigin.status).toBe(403);
  });

  it('adopts the setup found on the machine from the empty state, then copies a launch command', async () => {
    home = createTempHome({
      fake,
      noRegistry: true,
      slots: [
        { id: 'a', email: 'one@example.com', dirName: '.claude-1' },
        { id: 'b', email: 'two@example.com', dirName: '.claude-2' },
      ],
    });
    serve = await startServe(home.env());
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(serve.url).origin,
    });
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    await page.goto(serve.url);
    const found = page.getByRole('region', { name: 'Found on this machine' });
    await found.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await found.getByRole('listitem').allTextContents()).toEqual([
      'claude-1 (one@example.com, ~/.claude-1): login stored',
      'claude-2 (two@example.com, ~/.claude-2): login stored',
    ]);
    await found.getByRole('button', { name: 'Add these 2 slots' }).click();
    // The slots appear with their numbers, pushed by the cycle the host ran after adding them.
    for (const email of ['one@example.com', 'two@example.com']) {
      await row(page, email).waitFor({ timeout: UI_TIMEOUT_MS });
      await poll(() => percent(row(page, email), '5-hour usage')).toBe('52%');
    }
    await row(page, 'two@example.com')
      .getByRole('button', { name: 'Copy the launch command for two@example.com' })
      .click();
    await poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('quota-broker run claude-2');
    expect(problems.list).toEqual([]);
    await page.close();
  });

  it('renders ten slots with their numbers', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({
      id: `slot-${i + 1}`,
      email: `user${i + 1}@example.com`,
    }));
    home = createTempHome({ fake, slots: ten });
    expect((await runCli(['refresh'], home.env())).code).toBe(0);
    serve = await startServe(home.env());
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    await page.goto(serve.url);
    await poll(() => page.locator('li[data-slot]').count()).toBe(10);
    for (const s of ten) expect(await percent(row(page, s.email), '5-hour usage')).toBe('52%');
    expect(problems.list).toEqual([]);
    await page.close();
    // How fast the tenth row appears is a benchmark (scripts/bench/dashboard.mjs), not a test.
  });
});
