// Regenerates the UI screenshots in docs/ (the list: scripts/lib/screenshot-shots.mjs) from the demo
// build (the real UI on an in-memory host) in Debian's Chromium: 420 px (the popover) at device scale 2,
// 1440 px (a desktop dashboard) at scale 1, light and dark. Then compresses them with pngquant when it is
// installed (apt-get install pngquant). Run: node scripts/screenshots.mjs

import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemo, DEMO_DIR, launchChromium, REPO, serveDir } from './bench/dashboard.mjs';
import { NARROW_PX, openShot, SHOTS } from './lib/screenshot-shots.mjs';

/** Lossy palette compression that keeps text crisp; skipped when pngquant is not installed. */
function compress(path) {
  try {
    execFileSync('pngquant', ['--quality=80-98', '--speed=1', '--strip', '--force', '--output', path, path], {
      stdio: 'ignore',
    });
    return true;
  } catch (e) {
    if (e.code === 'ENOENT') return false;
    // Exit 99: the quality floor could not be met; the original stays.
    if (e.status === 99) return true;
    throw e;
  }
}

async function shoot(browser, origin, shot) {
  const scale = shot.width <= NARROW_PX ? 2 : 1;
  const { context, page, problems } = await openShot(browser, origin, shot, { deviceScaleFactor: scale });
  try {
    const path = join(REPO, 'docs', shot.file);
    await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
    if (problems.length > 0)
      throw new Error(`${shot.file}: the page reported errors:\n${problems.join('\n')}`);
    const compressed = compress(path);
    console.log(
      `wrote docs/${shot.file} (${Math.round(statSync(path).size / 1024)} KB${compressed ? '' : ', not compressed: pngquant not installed'})`,
    );
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
