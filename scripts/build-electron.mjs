// Bundles the Electron main process and the preload with esbuild into dist/electron/, copies the tray
// icons next to them, and bundles `npm start`'s logic (electron/start/) for scripts/start.mjs.
// Usage: node scripts/build-electron.mjs   (the renderer is built by `vite build`, the CLI by build.mjs)

import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const at = (p) => new URL(p, root).pathname;
const pkg = JSON.parse(await readFile(at('package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // electron is provided by the runtime; keytar is native (rebuilt for Electron by electron-builder).
  external: ['electron', 'keytar'],
};

await build({
  ...common,
  entryPoints: [at('electron/main.ts')],
  outfile: at('dist/electron/main.cjs'),
  target: 'node22', // Electron 45 ships Node 22
});
// A sandboxed preload cannot require() files: everything but 'electron' is inlined.
await build({
  ...common,
  entryPoints: [at('electron/preload/preload.ts')],
  outfile: at('dist/electron/preload.cjs'),
  platform: 'browser',
  target: 'chrome140',
  external: ['electron'],
});
// `npm start` after the build (scripts/start.mjs): runs under the user's node, before Electron exists.
await build({
  ...common,
  entryPoints: [at('electron/start/run-start.ts')],
  outfile: at('dist/electron/start.cjs'),
  target: 'node20',
});

const trayIcons = at('build/tray');
if (existsSync(trayIcons)) {
  mkdirSync(at('dist/electron/tray'), { recursive: true });
  cpSync(trayIcons, at('dist/electron/tray'), { recursive: true, filter: (src) => !src.endsWith('.svg') });
}
