// The UI screenshots in docs/ (scripts/screenshots.mjs takes them; the browser suite runs axe-core on
// each of these pages, test/browser/accessibility.test.ts). Each is the demo page
// (`demo.html?scenario=…`, renderer/demo/scenarios.ts) at a width and a colour scheme; `openLog` opens
// the log panel first.

/** The popover's width and a wide desktop screen. */
export const NARROW_PX = 420;
export const WIDE_PX = 1440;
/** The viewport's height: less than any page, so a full-page shot is exactly the page. */
const SHOT_MIN_HEIGHT_PX = 320;
/** The moment every shot shows (a Monday morning) and where. */
const SHOT_NOW = new Date('2026-11-30T09:41:00Z');
const SHOT_TIME_ZONE = 'UTC';

/** Each state of the popover (420 px) in both schemes; on the log's shot the log panel is open. */
const NARROW_STATES = ['ok', 'rate-limited', 'dead', 'all-inactive', 'pace'];
/** The dashboard (1440 px): every state at once (`normal`), and all slots inactive. */
const WIDE_STATES = [
  ['normal', ''],
  ['all-inactive', '-all-inactive'],
];
const SCHEMES = ['light', 'dark'];

export const SHOTS = [
  ...WIDE_STATES.flatMap(([scenario, suffix]) =>
    SCHEMES.map((colorScheme) => ({
      file: `screenshot-1440${suffix}-${colorScheme}.png`,
      scenario,
      width: WIDE_PX,
      colorScheme,
    })),
  ),
  ...NARROW_STATES.flatMap((scenario) =>
    SCHEMES.map((colorScheme) => ({
      file: `screenshot-420-${scenario}-${colorScheme}.png`,
      scenario,
      width: NARROW_PX,
      colorScheme,
      openLog: scenario === 'rate-limited' && colorScheme === 'light',
    })),
  ),
];

/** How long the page may take to show its slots (or the log). */
export const RENDER_TIMEOUT_MS = 15_000;

/**
 * Opens `shot` in a new context of `browser` on the demo served at `origin`, waits until it is drawn
 * (slots, fonts, the log panel when asked for) and returns the context and page; the caller closes the
 * context.
 */
export async function openShot(browser, origin, shot, { deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({
    // Short: a full-page shot grows to the page's height, so no empty band below the last card.
    viewport: { width: shot.width, height: SHOT_MIN_HEIGHT_PX },
    deviceScaleFactor,
    colorScheme: shot.colorScheme,
    reducedMotion: 'reduce',
    // One clock and one time zone: the same page, and the same PNG, on every run.
    timezoneId: SHOT_TIME_ZONE,
    locale: 'en-US',
  });
  await context.clock.setFixedTime(SHOT_NOW);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${origin}/demo.html?scenario=${shot.scenario}`);
  await page.locator('li[data-slot]').first().waitFor({ timeout: RENDER_TIMEOUT_MS });
  // The history (sparkline, pace) arrives after the state: wait until every slot has its history row.
  await page.waitForFunction(
    () =>
      document.querySelectorAll('li[data-slot]').length ===
      document.querySelectorAll('li[data-slot] .history').length,
    undefined,
    { timeout: RENDER_TIMEOUT_MS },
  );
  if (shot.openLog) {
    await page.getByRole('button', { name: 'Open log' }).click();
    await page.locator('.log__lines').waitFor({ timeout: RENDER_TIMEOUT_MS });
  }
  await page.evaluate('document.fonts.ready');
  return { context, page, problems };
}
