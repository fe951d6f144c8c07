// The UI screenshots in docs/ (scripts/screenshots.mjs takes them; the browser suite runs axe-core on
// each of these pages, test/browser/accessibility.test.ts). Each is the demo page
// (`demo.html?scenario=…`, renderer/demo/scenarios.ts) at a width and a colour scheme; `openLog` opens
// the log panel first.

/** The popover's width and a wide desktop screen. */
export const NARROW_PX = 420;
export const WIDE_PX = 1440;
/** The viewport's height: less than any page, so a full-page shot is exactly the page. */
const SHOT_MIN_HEIGHT_PX = 320;

export const SHOTS = [
  { file: 'screenshot-1440-light.png', scenario: 'normal', width: WIDE_PX, colorScheme: 'light' },
  { file: 'screenshot-1440-dark.png', scenario: 'normal', width: WIDE_PX, colorScheme: 'dark' },
  {
    file: 'screenshot-1440-all-inactive-dark.png',
    scenario: 'all-inactive',
    width: WIDE_PX,
    colorScheme: 'dark',
  },
  { file: 'screenshot-420-ok-light.png', scenario: 'ok', width: NARROW_PX, colorScheme: 'light' },
  {
    file: 'screenshot-420-rate-limited-light.png',
    scenario: 'rate-limited',
    width: NARROW_PX,
    colorScheme: 'light',
    openLog: true,
  },
  {
    file: 'screenshot-420-rate-limited-dark.png',
    scenario: 'rate-limited',
    width: NARROW_PX,
    colorScheme: 'dark',
  },
  { file: 'screenshot-420-dead-light.png', scenario: 'dead', width: NARROW_PX, colorScheme: 'light' },
  { file: 'screenshot-420-dead-dark.png', scenario: 'dead', width: NARROW_PX, colorScheme: 'dark' },
  {
    file: 'screenshot-420-all-inactive-light.png',
    scenario: 'all-inactive',
    width: NARROW_PX,
    colorScheme: 'light',
  },
  { file: 'screenshot-420-pace-dark.png', scenario: 'pace', width: NARROW_PX, colorScheme: 'dark' },
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
  });
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
