import { describe, expect, it } from 'vitest';
import {
  getElectronBinaryPath,
  getStartDecision,
  isOptedOut,
  type StartProbe,
} from '../../../electron/start/decision';

const base: StartProbe = {
  platform: 'darwin',
  electronBinary: '/p/node_modules/electron/dist/Electron.app/Contents/MacOS/Electron',
  electronBinaryExists: true,
  env: {},
  nodeVersion: '22.12.0',
  requireEsm: true,
};
const missing: StartProbe = { ...base, electronBinaryExists: false };

const sentences = (reason: string) => reason.match(/[.!?](\s|$)/g)?.length ?? 0;
const reasonOf = (probe: StartProbe) => {
  const d = getStartDecision(probe);
  if (d.mode !== 'headless') throw new Error(`expected headless, got ${d.mode}`);
  return d.reason;
};

describe('getStartDecision (npm start)', () => {
  it.each([
    ['macOS with a binary', base, 'electron'],
    ['Linux with X11', { ...base, platform: 'linux', env: { DISPLAY: ':0' } }, 'electron'],
    ['Linux with Wayland', { ...base, platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }, 'electron'],
    ['Linux CI: no display', { ...base, platform: 'linux', env: {} }, 'headless'],
    ['first start on a Mac: binary not downloaded yet', missing, 'install'],
    [
      'binary missing on Linux with a display',
      { ...missing, platform: 'linux', env: { DISPLAY: ':0' } },
      'install',
    ],
    ['binary missing, no display: no download', { ...missing, platform: 'linux', env: {} }, 'headless'],
    ['opted out of the download', { ...missing, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } }, 'headless'],
    [
      'opt-out set to 0 is no opt-out',
      { ...missing, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '0' } },
      'install',
    ],
    ['Node without require(esm)', { ...missing, nodeVersion: '20.11.1', requireEsm: false }, 'headless'],
    ['installed now', { ...base, install: { ok: true } }, 'electron'],
    ['installer failed', { ...missing, install: { ok: false, problem: 'x' } }, 'headless'],
    ['installer ran, still no binary', { ...missing, install: { ok: true } }, 'headless'],
    ['no electron package', { ...base, electronBinary: null }, 'headless'],
    ['asked for headless', { ...base, env: { QUOTA_BROKER_HEADLESS: '1' } }, 'headless'],
  ] as const)('%s → %s', (_name, probe, mode) => {
    expect(getStartDecision(probe as StartProbe).mode).toBe(mode);
  });

  it("names the installer's own error in one sentence", () => {
    const problem =
      'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:9/v45.5.0/electron-v45.5.0-darwin-arm64.zip';
    const reason = reasonOf({ ...missing, install: { ok: false, problem } });
    expect(reason).toBe(`Electron's installer failed (${problem}), so the menu-bar app cannot start.`);
    expect(sentences(reason)).toBe(1);
  });

  it('names the opt-out, and how to undo it', () => {
    const reason = reasonOf({ ...missing, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    expect(reason).toMatch(/^ELECTRON_SKIP_BINARY_DOWNLOAD=1 opts out of downloading Electron's binary/);
    expect(reason).toContain('unset it');
    expect(sentences(reason)).toBe(1);
  });

  it('names a Node too old for the installer, and which Node works', () => {
    const reason = reasonOf({ ...missing, nodeVersion: '20.11.1', requireEsm: false });
    expect(reason).toMatch(/^Node 20\.11\.1 cannot run Electron's installer \(it needs Node 22\.12 or newer/);
    expect(sentences(reason)).toBe(1);
  });

  it('never downloads where nothing could show the app, and says so', () => {
    expect(reasonOf({ ...missing, platform: 'linux', env: {} })).toMatch(/no display/);
    expect(reasonOf({ ...base, platform: 'linux', env: {} })).toMatch(/no display/);
  });
});

describe('isOptedOut (ELECTRON_SKIP_BINARY_DOWNLOAD)', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['yes', true],
    ['0', false],
    ['false', false],
    ['', false],
    [undefined, false],
  ] as const)('%s → %s', (value, out) => expect(isOptedOut(value)).toBe(out));
});

describe('getElectronBinaryPath', () => {
  it('uses path.txt when the download wrote it', () => {
    expect(getElectronBinaryPath('/e', 'electron\n', 'linux', {})).toBe('/e/dist/electron');
  });
  it('falls back to the platform default without path.txt (never downloads)', () => {
    expect(getElectronBinaryPath('/e', null, 'darwin', {})).toBe(
      '/e/dist/Electron.app/Contents/MacOS/Electron',
    );
    expect(getElectronBinaryPath('/e', null, 'linux', {})).toBe('/e/dist/electron');
  });
  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package', () => {
    expect(
      getElectronBinaryPath('/e', null, 'linux', { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron/' }),
    ).toBe('/opt/electron/electron');
  });
});
