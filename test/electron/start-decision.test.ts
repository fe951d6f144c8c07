import { describe, expect, it } from 'vitest';
import { getElectronBinaryPath, getStartDecision, type StartProbe } from '../../electron/start-decision';

const base: StartProbe = {
  platform: 'darwin',
  electronBinary: '/p/node_modules/electron/dist/Electron.app/Contents/MacOS/Electron',
  electronBinaryExists: true,
  env: {},
};

describe('getStartDecision (npm start)', () => {
  it.each([
    ['macOS with a binary', base, 'electron'],
    ['Linux with X11', { ...base, platform: 'linux', env: { DISPLAY: ':0' } }, 'electron'],
    ['Linux with Wayland', { ...base, platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }, 'electron'],
    ['Linux CI: no display', { ...base, platform: 'linux', env: {} }, 'headless'],
    ['binary never downloaded', { ...base, electronBinaryExists: false }, 'headless'],
    ['no electron package', { ...base, electronBinary: null }, 'headless'],
    ['asked for headless', { ...base, env: { QUOTA_BROKER_HEADLESS: '1' } }, 'headless'],
  ] as const)('%s → %s', (_name, probe, mode) => {
    expect(getStartDecision(probe as StartProbe).mode).toBe(mode);
  });

  it('says why in one sentence, naming the missing binary first', () => {
    const d = getStartDecision({ ...base, platform: 'linux', electronBinaryExists: false, env: {} });
    expect(d).toMatchObject({ mode: 'headless' });
    const reason = d.mode === 'headless' ? d.reason : '';
    expect(reason).toContain(base.electronBinary);
    expect(reason.match(/[.!?](\s|$)/g)).toHaveLength(1);
  });

  it('names the missing display when the binary exists', () => {
    const d = getStartDecision({ ...base, platform: 'linux', env: {} });
    expect(d.mode === 'headless' && d.reason).toMatch(/no display/);
  });
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
