// Lists the files `npm run dist` puts into the app's app.asar, as electron-builder itself selects them:
// it runs electron-builder's `dir` target (the `--dir` file set) on this checkout's electron-builder.yml
// with a stand-in Electron distribution — a placeholder executable, since Electron's binary cannot be
// downloaded everywhere — into a temp dir, and lists the app.asar it wrote. Electron fuses are left out
// (flipping them needs the real binary); they do not change the file set. The Linux `dir` target is used
// because it runs on any OS; electron-builder.yml has no per-platform `files`, so the dmg's set is the same.
// Needs the bundles built first (npm run build && npm run build:electron).
// Usage: node scripts/list-app-files.mjs [--json]

import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { build, Platform, Arch } = require('electron-builder');
const { listPackage } = require('@electron/asar');
const { parse } = require('yaml');

const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
for (const platform of ['mac', 'linux', 'win']) {
  if (config[platform]?.files)
    throw new Error(`electron-builder.yml has ${platform}.files: list that platform too.`);
}

const temp = mkdtempSync(join(tmpdir(), 'quota-broker-app-files-'));
try {
  const electronDist = join(temp, 'stand-in-electron');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  const { version } = require('electron/package.json');
  // electron-builder logs to stdout: keep stdout for the list.
  const stdoutWrite = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr);
  await build({
    projectDir: root,
    publish: 'never',
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    config: {
      ...config,
      electronDist,
      electronVersion: version,
      electronFuses: null,
      directories: { ...config.directories, output: join(temp, 'out') },
    },
  }).finally(() => {
    process.stdout.write = stdoutWrite;
  });
  const asar = join(temp, 'out', 'linux-unpacked', 'resources', 'app.asar');
  const entries = listPackage(asar, { isPack: false }).map((p) =>
    p.replace(/^[/\\]/, '').replaceAll('\\', '/'),
  );
  const dirs = new Set(
    entries.flatMap((p) =>
      p
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  const files = entries.filter((p) => !dirs.has(p)).sort();
  process.stdout.write(
    process.argv.includes('--json') ? `${JSON.stringify(files)}\n` : `${files.join('\n')}\n`,
  );
} finally {
  rmSync(temp, { recursive: true, force: true });
}
