/**
 * What the packaged app (app.asar) holds, as electron-builder itself selects it
 * (scripts/list-app-files.mjs: its `dir` target with a stand-in Electron, in a scratch checkout): only
 * what the app loads — no tests, no TypeScript sources, no node_modules (so no dev dependency and no
 * native module to rebuild) — and the list docs/electron.md shows.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/run-cli';
import { createScratchCheckout, type ScratchCheckout } from '../support/scratch-checkout';

const TRAY_ICONS = ['iconTemplate', 'icon-staleTemplate', 'icon-reloginTemplate', 'icon-inactiveTemplate'];

/** Why a packaged path should not ship, or null when it belongs in the app. */
function getShippingProblem(path: string): string | null {
  if (/(^|\/)test(s)?\/|\.test\.|(^|\/)fixtures\//.test(path)) return 'a test file';
  if (/\.(ts|tsx|mts|cts)$/.test(path) || /^(shared|electron|renderer|scripts)\//.test(path))
    return 'a source file';
  if (/(^|\/)node_modules\//.test(path)) return 'a dependency (the bundles inline what the app needs)';
  if (/\.map$/.test(path)) return 'a source map';
  const allowed =
    /^(package\.json|dist\/electron\/(main|preload)\.cjs|dist\/electron\/tray\/[\w@-]+\.png|dist\/renderer\/(index\.html|assets\/[\w-]+\.(js|css)))$/;
  return allowed.test(path) ? null : 'not something the app loads';
}

let checkout: ScratchCheckout;
let files: string[];

beforeAll(() => {
  checkout = createScratchCheckout();
  const node = (script: string, ...args: string[]) =>
    execFileSync(process.execPath, [script, ...args], {
      cwd: checkout.root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  node('scripts/build.mjs');
  node('scripts/build-electron.mjs');
  files = JSON.parse(node('scripts/list-app-files.mjs', '--json'));
});
afterAll(() => checkout?.cleanup());

describe('the packaged app (app.asar)', () => {
  it('holds the bundles, the renderer and every tray image', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/electron/main.cjs',
        'dist/electron/preload.cjs',
        'dist/renderer/index.html',
        ...TRAY_ICONS.flatMap((n) => [`dist/electron/tray/${n}.png`, `dist/electron/tray/${n}@2x.png`]),
      ]),
    );
    const main = JSON.parse(readFileSync(join(checkout.root, 'package.json'), 'utf8')).main;
    expect(files).toContain(main);
  });

  it('ships no test file, TypeScript source, dependency or source map', () => {
    expect(files.map((f) => [f, getShippingProblem(f)]).filter(([, why]) => why)).toEqual([]);
  });

  it('the check names what must not ship', () => {
    expect(getShippingProblem('test/electron/smoke.test.ts')).toBe('a test file');
    expect(getShippingProblem('shared/engine/cycle.ts')).toBe('a source file');
    expect(getShippingProblem('node_modules/keytar/build/Release/keytar.node')).toBe(
      'a dependency (the bundles inline what the app needs)',
    );
    expect(getShippingProblem('dist/cli.cjs')).toBe('not something the app loads');
  });

  it('is the list docs/electron.md shows', () => {
    const doc = readFileSync(join(REPO, 'docs', 'electron.md'), 'utf8');
    const block = doc.match(/<!-- app-files:begin -->\n```text\n([\s\S]*?)```\n<!-- app-files:end -->/)?.[1];
    // Sorted after the hashes are taken out: the order of two hashed names depends on the hashes.
    const hashless = files
      .map((f) => f.replace(/-[\w-]{8}\.(js|css)$/, '-<hash>.$1'))
      .sort()
      .join('\n');
    expect(block).toBe(`${hashless}\n`);
  });
});
