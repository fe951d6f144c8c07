/**
 * A copy of the checkout's electron package (its installer, index and version, not its binary) in a
 * temp dir, so Electron's real installer can run and write there; its own dependencies (@electron/get,
 * the unzipper) stay the checkout's, found through NODE_PATH.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../../support/run-cli';

export const ELECTRON_DIR = join(REPO, 'node_modules', 'electron');
export const ELECTRON_VERSION: string = JSON.parse(
  readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8'),
).version;
/** This platform's archive, as Electron's installer names it. */
export const ARCHIVE = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
/** Where a mirror serves it (below ELECTRON_MIRROR). */
export const ARCHIVE_PATH = `/v${ELECTRON_VERSION}/${ARCHIVE}`;
/** For the installer's environment. */
export const NODE_PATH = join(REPO, 'node_modules');

/** Copies the package into `<parent>/electron`; `checksums` replaces its SHA-256 list when given. */
export function copyElectronPackage(parent: string, checksums?: Record<string, string>): string {
  const dir = join(parent, 'electron');
  mkdirSync(dir);
  for (const f of ['package.json', 'install.js', 'index.js', 'checksums.json']) {
    cpSync(join(ELECTRON_DIR, f), join(dir, f));
  }
  if (checksums) writeFileSync(join(dir, 'checksums.json'), JSON.stringify(checksums));
  return dir;
}
