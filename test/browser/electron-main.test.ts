/**
 * The real main process (dist/electron/main.cjs: electron/main.ts and everything it wires) end to end
 * without Electron's binary: the stand-in host (test/electron-host) is its `electron` module, its popover
 * is a page of Debian's Chromium running the real preload, the engine polls the fake Anthropic server,
 * and `claude` is a stand-in on PATH. What a user of the menu-bar app would see and do: the tray's title,
 * icon, tooltip and menu; the popover; a "login died" notification whose click re-logs the slot in; Quit.
 * Complements test/electron/smoke.test.ts, which runs the same app in real Electron where it exists.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMainInStandIn, type StandInAppRun } from '../electron-host/run-main';
import type { StandInMenuItem } from '../electron-host/stand-in-tray';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { defaultUsage } from '../fake-anthropic/default-usage';
import { REPO, runCli } from '../support/run-cli';
import { createTempHome, type TempHome } from '../support/temp-home';
import { createLoginStandIn, type LoginStandIn } from './support/login-stand-in';
import { type PageProblems, watchPageProblems } from './support/page-problems';

const UI_TIMEOUT_MS = 20_000;
const HOUR_MS = 3_600_000;
const DEAD = 'two@example.com';

let fake: FakeAnthropic;
let home: TempHome;
let claude: LoginStandIn;
let run: StandInAppRun;

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: UI_TIMEOUT_MS, interval: 100 });
const tray = () => {
  const [first] = run.record.trays;
  if (!first) throw new Error('no tray yet');
  return first;
};
const popover = () => {
  const [first] = run.record.windows;
  if (!first) throw new Error('no popover window');
  return first;
};
const item = (items: StandInMenuItem[], label: string) => {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no menu item "${label}" in ${items.map((i) => i.label).join(', ')}`);
  return found;
};
const row = (page: Page, email: string) => page.getByRole('listitem', { name: email, exact: true });

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: REPO });
  fake = await createFakeAnthropic();
  home = createTempHome({
    fake,
    slots: [
      { id: 'slot-1', email: 'one@example.com', label: 'Work' },
      { id: 'slot-2', email: DEAD, accessExpiresAt: Date.now() - HOUR_MS },
    ],
    settings: { token_refresh: 'locked' },
  });
  // Resets ahead of the clock, so the title shows the time to the reset.
  const usage = defaultUsage() as Record<string, { resets_at: string }>;
  usage.five_hour.resets_at = new Date(Date.now() + 2.5 * HOUR_MS).toISOString();
  fake.setUsage('one@example.com', usage);
  fake.revokeLogin(DEAD);
  claude = createLoginStandIn(home.home);
  claude.prepare(DEAD, { ...fake.addAccount({ email: DEAD }), expiresAt: Date.now() + 8 * HOUR_MS });
  run = await runMainInStandIn({
    // `claude` found on PATH, as the app finds it (no QUOTA_BROKER_CLAUDE).
    env: home.env({ PATH: `${dirname(claude.bin)}:${process.env.PATH}`, QUOTA_BROKER_CLAUDE: undefined }),
    userData: join(home.home, 'app-user-data'),
  });
}, 60_000);

afterAll(async () => {
  await run?.stop();
  await fake?.close();
  home?.cleanup();
});

describe('the menu-bar app’s main process in the stand-in host', () => {
  it('shows the recommended slot in the tray title, a login to repair in the icon, every slot in the tooltip', async () => {
    await poll(() => run.record.trays.length).toBe(1);
    await poll(() => tray().title).toBe('52%·2h');
    await poll(() => basename(tray().image)).toBe('icon-reloginTemplate.png');
    expect(existsSync(tray().image)).toBe(true);
    expect(tray().toolTip).toMatch(/^Quota Broker\nslot-1 \(Work\): 52% · ok\nslot-2: .+ · login_dead$/);
  });

  it('its menu reflects the engine and switching the title off is seen at once and kept in the registry', async () => {
    const menu = tray().openMenu();
    expect(menu.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual([
      'Refresh Now',
      'Open Dashboard in Browser',
      'Run Doctor',
      'Open Log',
      'Menu-Bar Title',
      'Launch at Login',
      'Quit Quota Broker',
    ]); // the broker itself: no "Following broker … Take Over Polling"
    const titles = item(menu, 'Menu-Bar Title').submenu;
    expect(titles.filter((i) => i.checked).map((i) => i.label)).toEqual([
      'Recommended slot',
      'Usage Now (42%·3h)',
    ]);
    item(titles, 'Off').click();
    await poll(() => tray().title).toBe('');
    expect(readFileSync(home.registry, 'utf8')).toMatch(/tray_title: off/);
    item(item(tray().openMenu(), 'Menu-Bar Title').submenu, 'Recommended slot').click();
    await poll(() => tray().title).toBe('52%·2h');
    // The pace form: one reading so far, so the 5-hour window says it is collecting history.
    item(item(tray().openMenu(), 'Menu-Bar Title').submenu, 'Pace at Reset (wk→64%)').click();
    await poll(() => tray().title).toBe('5h→…');
    expect(readFileSync(home.registry, 'utf8')).toMatch(/tray_title_form: pace/);
    item(item(tray().openMenu(), 'Menu-Bar Title').submenu, 'Usage Now (42%·3h)').click();
    await poll(() => tray().title).toBe('52%·2h');
  });

  it('a tray click opens the popover under the icon, showing every slot through the real preload', async () => {
    tray().click();
    expect(popover().isVisible()).toBe(true);
    // Centred under the icon (1200 + 22/2 − 380/2), 4 px below the 25 px menu bar.
    expect(popover().position).toEqual([1021, 29]);
    const page = await popover().webContents.page;
    const problems: PageProblems = watchPageProblems(page);
    const work = row(page, 'Work'); // slot-1's label; its email below it
    await work.getByText('Healthy', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await work.getByText('one@example.com').count()).toBe(1);
    // The slot the tray title follows.
    expect(await work.getByText('★ Recommended').count()).toBe(1);
    await row(page, DEAD).getByText('Login dead', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(
      await page.evaluate(() => Object.keys((globalThis as { quotaApi?: object }).quotaApi ?? {}).sort()),
    ).toEqual([
      'cancelRelogin',
      'discoverSlots',
      'getHistory',
      'getLogTail',
      'getState',
      'onReloginProgress',
      'onState',
      'openLog',
      'refreshNow',
      'relogin',
      'setEnabled',
    ]);
    popover().blur();
    expect(popover().isVisible()).toBe(false);
    expect(problems.list).toEqual([]);
  });

  it('clicking the "login died" notification starts that slot’s re-login and the slot comes back', async () => {
    await poll(() => run.record.notifications.map((n) => n.options.title)).toContain('slot-2: login died');
    const died = run.record.notifications.find((n) => n.options.title === 'slot-2: login died');
    expect(died?.options.body).toMatch(/Click to re-login\.$/);
    died?.click();
    expect(popover().isVisible()).toBe(true);
    await poll(() => claude.calls().filter((c) => c.argv[1] === 'login')).toEqual([
      {
        argv: ['auth', 'login', '--claudeai', '--email', DEAD],
        configDir: home.dirOf('slot-2'),
        overrides: [],
      },
    ]);
    const page = await popover().webContents.page;
    await row(page, DEAD).getByText('Healthy', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await poll(() => basename(tray().image)).toBe('iconTemplate.png');
    expect(home.readCache().slots['slot-2']).toMatchObject({ status: 'active', health: 'ok' });
  });

  it('Quit stops the engine and releases the broker lock', async () => {
    const lock = join(home.stateDir, 'broker.lock');
    expect(existsSync(lock)).toBe(true);
    item(tray().openMenu(), 'Quit Quota Broker').click();
    expect(await run.record.app.exited).toBe(0);
    expect(existsSync(lock)).toBe(false);
    // Another broker can start at once: the CLI polls as the broker, not as a follower.
    const refresh = await runCli(['refresh', '--json'], home.env());
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(run.record.problems).toEqual([]);
  });
});
