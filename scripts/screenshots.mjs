// Regenerates the UI screenshots in docs/ from the demo build (the real UI on an in-memory host) in
// Debian's Chromium: 360 px wide at device scale 2. Run: node scripts/screenshots.mjs

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemo, DEMO_DIR, launchChromium, REPO, serveDir } from './bench/dashboard.mjs';

const WIDTH_PX = 360;
const HEIGHT_PX = 640;
const DEVICE_SCALE = 2;
const RENDER_TIMEOUT_MS = 15_000;

/** A re-login in progress: the dead slot's card with the sign-in link. */
async function startRelogin(page) {
  await page
    .getByRole('button', { name: /^Re-login / })
    .first()
    .click();
  await page.getByRole('link', { name: 'Open the sign-in page' }).waitFor({ timeout: RENDER_TIMEOUT_MS });
  return page.locator('li.slot--dead').first();
}

/** docs/<file> ← demo.html?scenario=<scenario> in <colorScheme>; `act` narrows it to one element. */
const SHOTS = [
  { file: 'screenshot-dashboard.png', scenario: 'normal', colorScheme: 'light' },
  { file: 'screenshot-dark.png', scenario: 'normal', colorScheme: 'dark' },
  { file: 'screenshot-all-inactive.png', scenario: 'all-inactive', colorScheme: 'light' },
  { file: 'screenshot-relogin.png', scenario: 'normal', colorScheme: 'light', act: startRelogin },
];

async function shoot(browser, origin, shot) {
  const context = await browser.newContext({
    viewport: { width: WIDTH_PX, height: HEIGHT_PX },
    deviceScaleFactor: DEVICE_SCALE,
    colorScheme: shot.colorScheme,
    reducedMotion: 'reduce',
  });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/demo.html?scenario=${shot.scenario}`);
    await page.locator('li[data-slot]').first().waitFor({ timeout: RENDER_TIMEOUT_MS });
    await page.evaluate('document.fonts.ready');
    const path = join(REPO, 'docs', shot.file);
    const options = { path, animations: 'disabled', caret: 'hide' };
    if (shot.act) await (await shot.act(page)).screenshot(options);
    else await page.screenshot({ ...options, fullPage: true });
    if (problems.length > 0)
      throw new Error(`${shot.file}: the page reported errors:\n${problems.join('\n')}`);
    console.log(`wrote docs/${shot.file}`);
  } finally {
    await context.close();
  }
}

await buildDemo();
mkdirSync(join(REPO, 'docs'), { recursive: true });
const server = await serveDir(DEMO_DIR);
const browser = await launchChromium();
try {
  for (const shot of SHOTS) await shoot(browser, server.origin, shot);
} finally {
  await browser.close();
  await server.close();
}
