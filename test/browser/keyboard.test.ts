/**
 * The real `quota-broker serve` dashboard (against the fake Anthropic server) used with the keyboard
 * only: Tab reaches every control in page order with a visible focus ring, and each action works with
 * Enter or Space — refresh, enable/disable, copy a launch command, the log panel, a re-login and its
 * Cancel — with the focus never dropped on the page. axe-core finds nothing serious on the real page,
 * with the log panel open and with a re-login running either.
 */
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { usageAhead } from '../fake-anthropic/default-usage';
import { createTempHome, type TempHome, type TempSlot } from '../support/temp-home';
import { seriousViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { type PageProblems, watchPageProblems } from './support/page-problems';
import { type ServeProcess, startServe } from './support/serve-process';

const UI_TIMEOUT_MS = 20_000;
const DEAD = 'two@example.com';
const SLOTS: TempSlot[] = [
  { id: 'slot-1', email: 'one@example.com' },
  { id: 'slot-2', email: DEAD, accessExpiresAt: Date.now() - 60_000 },
  { id: 'slot-3', email: 'three@example.com' },
];
/** A token-shaped string in the log file: the panel must never show it. */
const LEAKED_TOKEN = 'sk-ant-oat01-test-keyboard-log-panel-must-not-show-this';
/** More Tab presses than the page has controls: a walk that does not come round fails. */
const MAX_TABS = 80;

let browser: Browser;
let context: BrowserContext;
let fake: FakeAnthropic;
let home: TempHome;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  fake = await createFakeAnthropic({ defaultUsage: () => usageAhead() });
  context = await browser.newContext({ viewport: { width: 420, height: 900 } });
});
afterEach(async () => {
  await context.close();
  await serve?.stop();
  serve = undefined;
  home?.cleanup();
  await fake.close();
});

/** A `claude` whose sign-in prints its URL and then waits for the browser forever (until cancelled). */
function pendingLoginClaude(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const bin = join(dir, 'claude');
  writeFileSync(
    bin,
    `#!${process.execPath}
const args = process.argv.slice(2);
if (args[0] === '--version') process.stdout.write('2.1.332 (Claude Code)\\n');
else if (args[0] === 'auth' && args[1] === 'login') {
  process.stdout.write("If the browser didn't open, visit: https://claude.ai/oauth/authorize?code=true\\n");
  setInterval(() => undefined, 1000);
} else process.exitCode = 64;
`,
  );
  chmodSync(bin, 0o755);
  return bin;
}

/** What the focused element is, in words: its role or tag and its accessible name. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const name = el.getAttribute('aria-label') || el.textContent.replace(/\\s+/g, ' ').replace(/^\\W+/, '').trim().slice(0, 60);
  const ring = getComputedStyle(el).outlineStyle;
  return { what: (el.getAttribute('role') || el.tagName.toLowerCase()) + ': ' + name, ring };
})()`;

/** Every control a keyboard should reach, in page order. */
const CONTROLS = `[...document.querySelectorAll('button, a[href], input, [tabindex="0"]')]
  .filter((el) => !el.disabled && el.getClientRects().length > 0)
  .map((el) => (el.getAttribute('role') || el.tagName.toLowerCase()) + ': ' +
    (el.getAttribute('aria-label') || el.textContent.replace(/\\s+/g, ' ').replace(/^\\W+/, '').trim().slice(0, 60)))`;

/** Presses Tab until the focus comes round to where it started; the controls it visited, in order. */
async function tabAround(page: Page): Promise<{ what: string; ring: string }[]> {
  await page.locator('body').focus();
  const seen: { what: string; ring: string }[] = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate(FOCUSED)) as { what: string; ring: string } | null;
    if (focused && seen.length > 0 && focused.what === seen[0].what) return seen;
    if (focused) seen.push(focused);
  }
  throw new Error(`Tab did not come round in ${MAX_TABS} presses: ${seen.map((s) => s.what).join(' | ')}`);
}

/** Tabs (forward only) to the control named `name`: what a keyboard user does to reach it. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    const focused = (await page.evaluate(FOCUSED)) as { what: string } | null;
    if (focused?.what.endsWith(`: ${name}`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${name}"`);
}

const focusedName = async (page: Page) => ((await page.evaluate(FOCUSED)) as { what: string } | null)?.what;
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: UI_TIMEOUT_MS, interval: 100 });

describe('the dashboard with the keyboard only', () => {
  it('Tab reaches every control with a visible ring; Enter and Space run every action', async () => {
    home = createTempHome({ fake, slots: SLOTS, settings: { token_refresh: 'locked' } });
    fake.revokeLogin(DEAD);
    serve = await startServe(home.env({ QUOTA_BROKER_CLAUDE: pendingLoginClaude(join(home.home, 'bin')) }));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(serve.url).origin,
    });
    const page = await context.newPage();
    const problems: PageProblems = watchPageProblems(page);
    await page.goto(serve.url);
    await page.getByRole('button', { name: `Re-login ${DEAD}` }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.history').first().waitFor({ timeout: UI_TIMEOUT_MS });

    // The real page, its dead login and all: nothing serious for assistive technology.
    expect(await seriousViolations(page)).toEqual([]);

    // Every control, in page order, once round; each shows its focus ring.
    const visited = await tabAround(page);
    expect(visited.map((v) => v.what)).toEqual(await page.evaluate(CONTROLS));
    expect(visited.filter((v) => v.ring === 'none')).toEqual([]);
    expect(visited.map((v) => v.what)).toEqual([
      'button: Refresh now',
      'switch: Enabled: one@example.com',
      'button: Copy the launch command for one@example.com',
      `switch: Enabled: ${DEAD}`,
      `button: Re-login ${DEAD}`,
      'switch: Enabled: three@example.com',
      'button: Copy the launch command for three@example.com',
      'button: Open log',
    ]);

    // Space on a switch disables the slot: the registry says so.
    await page.locator('body').focus();
    await tabTo(page, 'Enabled: three@example.com');
    await page.keyboard.press('Space');
    await poll(() => Promise.resolve(readFileSync(home.registry, 'utf8'))).toMatch(
      /id: slot-3[\s\S]*enabled: false/,
    );
    await poll(() => page.getByRole('switch', { name: 'Enabled: three@example.com' }).isChecked()).toBe(
      false,
    );

    // Enter on Copy puts the launch command on the clipboard.
    await page.locator('body').focus();
    await tabTo(page, 'Copy the launch command for one@example.com');
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('quota-broker run slot-1');

    // Enter on Refresh now runs a cycle: the new numbers show.
    home.age(60_000);
    fake.setUsage('one@example.com', usageAhead(77));
    await page.locator('body').focus();
    await tabTo(page, 'Refresh now');
    await page.keyboard.press('Enter');
    await poll(() =>
      page
        .getByRole('listitem', { name: 'one@example.com', exact: true })
        .getByRole('meter', { name: '5-hour usage', exact: true })
        .getAttribute('aria-valuetext'),
    ).toBe('77%');

    // Enter on Open log shows the broker's own log, redacted on the way out even where the file was
    // not (a line another program appended); the focus moves into the panel and back out.
    appendFileSync(join(home.stateDir, 'broker.log'), `[x] [warn] pasted ${LEAKED_TOKEN}\n`);
    await tabTo(page, 'Open log');
    await page.keyboard.press('Enter');
    const lines = page.getByLabel('Log lines');
    await lines.waitFor({ timeout: UI_TIMEOUT_MS });
    const shown = await lines.textContent();
    expect(shown).toContain('broker started (serve');
    expect(shown).toContain('[x] [warn] pasted sk-ant-');
    expect(shown).not.toContain(LEAKED_TOKEN.slice(-20));
    expect(await focusedName(page)).toBe('h2: Broker log');
    expect(await seriousViolations(page)).toEqual([]);
    // Space on Reload reads the log again: a line written since shows.
    appendFileSync(join(home.stateDir, 'broker.log'), '[x] [info] written after the panel opened\n');
    await tabTo(page, 'Reload');
    await page.keyboard.press('Space');
    await poll(() => lines.textContent()).toContain('written after the panel opened');
    await tabTo(page, 'Close log');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('region', { name: 'Broker log' }).count()).toBe(0);
    expect(await focusedName(page)).toBe('button: Open log');

    // Enter on Re-login starts it and puts the focus on Cancel; Space cancels and gives the focus back.
    await page.locator('body').focus();
    await tabTo(page, `Re-login ${DEAD}`);
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: `Re-login ${DEAD}` });
    await panel.getByRole('link', { name: 'Open the sign-in page' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await focusedName(page)).toBe(`button: Cancel re-login of ${DEAD}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Space');
    await poll(() => panel.count()).toBe(0);
    expect(await focusedName(page)).toBe(`button: Re-login ${DEAD}`);

    expect(problems.list).toEqual([]);
  });
});
