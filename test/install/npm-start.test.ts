/**
 * `npm start` where Electron's binary is missing, as a user meets it. Electron's own installer runs
 * against a release mirror on 127.0.0.1 (ELECTRON_MIRROR) that records every request: with nothing
 * there it must ask for this platform's archive and fall back to the dashboard naming the installer's
 * error; with ELECTRON_SKIP_BINARY_DOWNLOAD=1 it must ask for nothing and name the opt-out; with an
 * archive there (a stand-in `electron` executable, its checksum in a copy of the electron package) it
 * must download it with progress, unpack it, cache it and start it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStart } from '../../electron/start/run-start';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { type ReleaseMirror, startReleaseMirror } from '../support/release-mirror';
import { createScratchCheckout, type ScratchCheckout } from '../support/scratch-checkout';
import { createStoredZip } from '../support/stored-zip';
import { createTempHome, type TempHome } from '../support/temp-home';
import { ARCHIVE, copyElectronPackage, ELECTRON_VERSION, NODE_PATH } from './support/electron-package';
import { runInGroup } from './support/process-group';

const version = ELECTRON_VERSION;
const DASHBOARD = /Quota Broker dashboard: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;

let checkout: ScratchCheckout;
let fake: FakeAnthropic;
let home: TempHome;
let mirror: ReleaseMirror;
let temp: string;

beforeAll(async () => {
  checkout = createScratchCheckout();
  fake = await createFakeAnthropic();
  home = createTempHome({ fake, slots: [{ id: 'slot-1', email: 'one@example.com' }] });
  mirror = await startReleaseMirror();
  temp = mkdtempSync(join(tmpdir(), 'qb-npm-start-'));
});
afterAll(async () => {
  await mirror?.close();
  await fake?.close();
  home?.cleanup();
  checkout?.cleanup();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** `npm start` in the scratch checkout; Electron's binary is looked for in an empty dir, so it is missing. */
function npmStart(extra: NodeJS.ProcessEnv) {
  const noBinary = mkdtempSync(join(temp, 'no-electron-'));
  const env = home.env({ ELECTRON_OVERRIDE_DIST_PATH: noBinary, DISPLAY: ':99', ...extra });
  return runInGroup('npm', ['start'], { cwd: checkout.root, env });
}

describe('npm start without Electronʼs binary', () => {
  it('runs Electronʼs installer against ELECTRON_MIRROR and, when that fails, names its error and serves the dashboard', async () => {
    mirror.requests.length = 0;
    const run = npmStart({ ELECTRON_MIRROR: mirror.url });
    try {
      const [, url] = await run.waitFor(DASHBOARD);
      expect(mirror.requests).toEqual([`/v${version}/${ARCHIVE}`]);
      const out = run.output();
      expect(out).toContain(
        `Electron ${version} is not downloaded yet: Electron's installer fetches it once for ${process.platform}-${process.arch} from ${mirror.url}`,
      );
      expect(out).toContain(
        `Electron's installer failed (HTTPError: Response code 404 (Not Found) for ${mirror.url}v${version}/${ARCHIVE}), so the menu-bar app cannot start. Running the engine headless with the local dashboard instead (quota-broker serve):`,
      );
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await run.stop();
    }
  });

  it('with ELECTRON_SKIP_BINARY_DOWNLOAD=1 asks the mirror for nothing and names the opt-out', async () => {
    mirror.requests.length = 0;
    const run = npmStart({ ELECTRON_MIRROR: mirror.url, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    try {
      await run.waitFor(DASHBOARD);
      // The same start without the opt-out asks for the archive (the test above): here it must not.
      expect(mirror.requests).toEqual([]);
      expect(run.output()).toContain(
        "ELECTRON_SKIP_BINARY_DOWNLOAD=1 opts out of downloading Electron's binary (unset it to download it on this start), so the menu-bar app cannot start. Running the engine headless",
      );
      expect(run.output()).not.toContain("Electron's installer");
    } finally {
      await run.stop();
    }
  });

  it('downloads the archive with progress, unpacks it, starts it, and uses its cache the next time', async () => {
    const archive = createStoredZip([
      {
        name: 'electron',
        data: '#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$0")/launched-with"\n',
        mode: 0o755,
      },
      { name: 'padding.bin', data: Buffer.alloc(1_000_000, 7) },
    ]);
    // A copy of the electron package whose checksum list knows the stand-in archive.
    const sha256 = createHash('sha256').update(archive).digest('hex');
    const electronDir = copyElectronPackage(temp, { [ARCHIVE]: sha256 });
    let release: () => void = () => undefined;
    mirror.put(`/v${version}/${ARCHIVE}`, archive, new Promise<void>((r) => (release = r)));
    mirror.requests.length = 0;

    let out = '';
    const cache = join(temp, 'electron-cache');
    const start = () =>
      runStart({
        root: checkout.root,
        electronDir,
        args: ['--from-test'],
        env: {
          PATH: process.env.PATH,
          HOME: home.home,
          DISPLAY: ':99',
          ELECTRON_MIRROR: mirror.url,
          electron_config_cache: cache,
          NODE_PATH,
          QUOTA_BROKER_ELECTRON_INSTALL_TIMEOUT_S: '60',
        },
        out: {
          isTTY: false,
          write: (text: string) => {
            out += text;
            // The rest of the archive is sent only once progress was shown for the first half.
            if (/MB received/.test(text)) release();
          },
        },
      });

    expect(await start()).toBe(0);
    expect(out).toMatch(/ {2}… 0\.\d MB received after \d+ s \(gives up after 60 s\)\n/);
    expect(out).toContain(`Electron ${version} is installed.`);
    expect(readFileSync(join(electronDir, 'path.txt'), 'utf8')).toBe('electron');
    expect(readFileSync(join(electronDir, 'dist', 'launched-with'), 'utf8')).toBe(
      `${checkout.root}\n--from-test\n`,
    );
    expect(mirror.requests).toEqual([`/v${version}/${ARCHIVE}`]);
    const cached = readdirSync(cache, { recursive: true }).map(String);
    expect(cached.some((f) => f.endsWith(ARCHIVE))).toBe(true);

    // Second first start (the unpacked binary gone, the cache kept): no download at all.
    rmSync(join(electronDir, 'dist'), { recursive: true });
    rmSync(join(electronDir, 'path.txt'));
    expect(await start()).toBe(0);
    expect(existsSync(join(electronDir, 'dist', 'launched-with'))).toBe(true);
    expect(mirror.requests).toHaveLength(1);
  });

  it('never loads the electron package under plain node (it would start a download of its own)', () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: checkout.root });
    const code = (file: string) =>
      readFileSync(join(checkout.root, file), 'utf8')
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('//'))
        .join('\n');
    const startBundle = code('dist/electron/start.cjs');
    const mainBundle = code('dist/electron/main.cjs');
    expect(mainBundle).toMatch(/require\("electron"\)/); // the check can see it where it is
    expect(startBundle).not.toMatch(/require\(["']electron["']\)|from ["']electron["']/);
    expect(code('scripts/start.mjs')).not.toMatch(/require\(['"]electron['"]\)|from ['"]electron['"]/);
  });
});
