// Rasterises the icon sources in build/ with headless Chromium (no extra dependency):
//   build/tray/<name>.svg → build/tray/<name>Template.png (18 px) and <name>Template@2x.png (36 px)
//   build/icon.svg        → build/icon.png (1024 px; electron-builder makes the .icns from it)
// The PNGs are committed; run this after editing an SVG:  node scripts/make-icons.mjs
// CHROMIUM=/path/to/chromium overrides the browser (default /usr/bin/chromium).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const chromium = CHROMIUM_PATH;
const work = mkdtempSync(join(tmpdir(), 'qb-icons-'));
const FLAGS = [
  ...CHROMIUM_ARGS,
  '--hide-scrollbars',
  '--force-device-scale-factor=1',
  '--default-background-color=00000000',
];

function rasterise(svg, size, out) {
  const page = join(work, `page-${size}.html`);
  const src = pathToFileURL(svg).href;
  writeFileSync(
    page,
    `<!doctype html><html><body style="margin:0;background:transparent">` +
      `<img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  execFileSync(
    chromium,
    [
      ...FLAGS,
      `--user-data-dir=${join(work, 'profile')}`,
      `--window-size=${size},${size}`,
      `--screenshot=${out}`,
      pathToFileURL(page).href,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
  console.log(`${out} (${size}px)`);
}

try {
  const trayDir = join(root, 'build', 'tray');
  for (const file of readdirSync(trayDir).filter((f) => f.endsWith('.svg'))) {
    const name = file.slice(0, -'.svg'.length);
    rasterise(join(trayDir, file), 18, join(trayDir, `${name}Template.png`));
    rasterise(join(trayDir, file), 36, join(trayDir, `${name}Template@2x.png`));
  }
  rasterise(join(root, 'build', 'icon.svg'), 1024, join(root, 'build', 'icon.png'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
