// `npm start`: builds everything, then launches the menu-bar app where Electron can run. When Electron's
// binary is missing it runs Electron's own installer first (mirror, proxy and cache settings honoured,
// progress shown, bounded wait); where the app still cannot run (installer failed, opt-out, no display,
// QUOTA_BROKER_HEADLESS=1) it says why in one sentence and runs `quota-broker serve` instead.
// The logic is electron/start/ (run-start.ts; the decision in decision.ts is pure and unit-tested).
// Never require('electron') here: under plain node that starts a download of its own.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

function step(args, label) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm start: ${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

step(['scripts/build.mjs'], 'building the CLI and the renderer');
step(['scripts/build-electron.mjs'], 'building the Electron bundles');

const { runStart } = require(join(root, 'dist', 'electron', 'start.cjs'));
process.exitCode = await runStart({
  root,
  electronDir: join(root, 'node_modules', 'electron'),
  args: process.argv.slice(2),
  env: process.env,
  out: process.stdout,
});
