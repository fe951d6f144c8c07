// `npm start`: builds everything, then launches the menu-bar app where Electron can run; elsewhere
// (no Electron binary — it cannot be downloaded on every machine — or no display) it says why in one
// sentence and runs the same engine headless with the local dashboard (`quota-broker serve`).
// The decision itself is electron/start-decision.ts (pure, unit-tested).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const node = process.execPath;

function step(args, label) {
  const r = spawnSync(node, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm start: ${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

step(['scripts/build.mjs'], 'building the CLI and the renderer');
step(['scripts/build-electron.mjs'], 'building the Electron bundles');

const { getElectronBinaryPath, getStartDecision } = require(
  join(root, 'dist', 'electron', 'start-decision.cjs'),
);

/** Never require('electron') here: under node it starts a download when the binary is missing. */
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(dir, 'package.json'))) return null;
  const pathTxt = join(dir, 'path.txt');
  return getElectronBinaryPath(
    dir,
    existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : null,
    process.platform,
    process.env,
  );
}

const binary = electronBinary();
const decision = getStartDecision({
  platform: process.platform,
  electronBinary: binary,
  electronBinaryExists: binary !== null && existsSync(binary),
  env: process.env,
});

const [command, args] =
  decision.mode === 'electron'
    ? [decision.binary, [root, ...process.argv.slice(2)]]
    : [node, [join(root, 'bin', 'quota-broker.cjs'), 'serve', ...process.argv.slice(2)]];
if (decision.mode === 'headless') {
  console.log(
    `${decision.reason} Running the engine headless with the local dashboard instead (quota-broker serve):`,
  );
}
const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
