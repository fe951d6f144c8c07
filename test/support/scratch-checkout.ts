/**
 * A scratch copy of the checkout (sources, scripts, build resources, package.json and lockfile) sharing
 * the real node_modules through a symlink. Tests that run `npm start`, `npm pack` or electron-builder
 * build into its dist/, never into the dist/ other suites are reading at the same time.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './run-cli';

/** What a build, a pack or a start needs from the checkout. */
const ENTRIES = [
  'package.json',
  'package-lock.json',
  'README.md',
  'electron-builder.yml',
  'vite.config.ts',
  'tsconfig.json',
  'tsconfig.web.json',
  'globals.d.ts',
  'bin',
  'build',
  'electron',
  'renderer',
  'scripts',
  'shared',
];

export interface ScratchCheckout {
  root: string;
  cleanup(): void;
}

export function createScratchCheckout(): ScratchCheckout {
  const root = mkdtempSync(join(tmpdir(), 'qb-checkout-'));
  for (const entry of ENTRIES) {
    if (existsSync(join(REPO, entry))) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
