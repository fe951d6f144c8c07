// Dashboard benchmark (the UI alone, no server: `quota-broker serve` itself is scripts/bench/serve.mjs):
// first meaningful render of ten slots in Debian's Chromium (the demo build,
// `?scenario=ten`, over a local static server) and the gzip size of the production renderer's JS.
// `node scripts/bench/dashboard.mjs` prints the JSON; `npm run bench` imports benchDashboard().
// Also exports the demo-page helpers scripts/screenshots.mjs uses.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium.mjs';

export { CHROMIUM_PATH };

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_DIR = join(REPO, 'dist', 'renderer-demo');
const RENDERER_ASSETS = join(REPO, 'dist', 'renderer', 'assets');
const DEFAULT_RUNS = 7;
const RENDER_TIMEOUT_MS = 20_000;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Builds the demo page (`vite build --mode demo` → dist/renderer-demo/demo.html). */
export async function buildDemo() {
  // Vite takes NODE_ENV from the environment when set (vitest sets `test`): that would ship React's dev build.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: join(REPO, 'vite.config.ts'), mode: 'demo', logLevel: 'warn' });
}

/** Serves `root` on 127.0.0.1 (ES modules do not load from file://). */
export async function serveDir(root) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** Debian's Chromium; never downloads a browser. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH} (apt-get install chromium); it is never downloaded.`,
    );
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Records (ms since navigation start) the first frame after the tenth slot row entered the page. */
const TENTH_ROW_PROBE = `
window.__qbTenthRowAt = null;
new MutationObserver((_, observer) => {
  if (document.querySelectorAll('li[data-slot]').length < 10) return;
  observer.disconnect();
  requestAnimationFrame(() => { window.__qbTenthRowAt = performance.now(); });
}).observe(document, { childList: true, subtree: true });
`;

export async function timeTenthRow(browser, url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(TENTH_ROW_PROBE);
    await page.goto(url);
    const deadline = Date.now() + RENDER_TIMEOUT_MS;
    // Polled from node: the page's CSP forbids the eval that waitForFunction needs.
    for (;;) {
      const at = await page.evaluate('window.__qbTenthRowAt');
      if (typeof at === 'number') return at;
      if (Date.now() > deadline)
        throw new Error(`ten slot rows did not render within ${RENDER_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Raw and gzip bytes of the production renderer's JavaScript (what the dashboard and popover load). */
export function measureBundle() {
  if (!existsSync(RENDERER_ASSETS)) throw new Error('dist/renderer is missing; run: npm run build');
  const files = readdirSync(RENDERER_ASSETS).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  let devReact = false;
  for (const f of files) {
    const body = readFileSync(join(RENDERER_ASSETS, f));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    // Only React's development build carries its legacy-context warnings.
    devReact ||= body.includes('recordLegacyContextWarning');
  }
  return { files: files.length, js_bytes: raw, js_gzip_bytes: gzip, react_production_build: !devReact };
}

/**
 * Measures the dashboard: median first meaningful render of ten slots over `runs` (≥ 5) fresh browser
 * contexts, and the production JS size. Builds the demo page first unless `build: false`.
 */
export async function benchDashboard({ runs = DEFAULT_RUNS, build = true } = {}) {
  if (build || !existsSync(join(DEMO_DIR, 'demo.html'))) await buildDemo();
  const bundle = measureBundle();
  const server = await serveDir(DEMO_DIR);
  const browser = await launchChromium();
  const times = [];
  try {
    const url = `${server.origin}/demo.html?scenario=ten`;
    await timeTenthRow(browser, url); // warm-up: the OS file cache and Chromium's first-start costs
    for (let i = 0; i < Math.max(5, runs); i++) times.push(await timeTenthRow(browser, url));
  } finally {
    await browser.close();
    await server.close();
  }
  const rounded = times.map((t) => Math.round(t));
  return {
    first_render_10_slots_ms: { median: Math.round(median(times)), min: Math.min(...rounded), runs: rounded },
    ...bundle,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify({ dashboard: await benchDashboard() }, null, 2));
}
