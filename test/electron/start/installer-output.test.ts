import { describe, expect, it } from 'vitest';
import {
  getDownloadSource,
  getElectronCacheDir,
  getInstallerEnv,
  getInstallerProblem,
} from '../../../electron/start/installer-output';

describe("getInstallerProblem (Electron's installer stderr → one clause)", () => {
  it('takes the error line of the stack install.js prints', () => {
    const stderr = [
      'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:4000/v45.5.0/electron-v45.5.0-darwin-arm64.zip',
      '    at FetchDownloader.download (file:///p/node_modules/@electron/get/dist/FetchDownloader.js:48:23)',
      '    at async downloadArtifact (file:///p/node_modules/@electron/get/dist/index.js:154:12)',
    ].join('\n');
    expect(getInstallerProblem(stderr, 1, null)).toBe(
      'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:4000/v45.5.0/electron-v45.5.0-darwin-arm64.zip',
    );
  });

  it("skips node's source excerpt before an uncaught error", () => {
    const stderr = [
      'node:internal/modules/cjs/loader:1210',
      '  throw err;',
      '  ^',
      '',
      'Error [ERR_REQUIRE_ESM]: require() of ES Module /p/node_modules/@electron/get/dist/index.js from /p/node_modules/electron/install.js not supported.',
      '    at Object.<anonymous> (/p/node_modules/electron/install.js:3:29)',
    ].join('\n');
    expect(getInstallerProblem(stderr, 1, null)).toMatch(
      /^Error \[ERR_REQUIRE_ESM\]: require\(\) of ES Module/,
    );
  });

  it('explains a bare "fetch failed" (the cause is hidden by fetch)', () => {
    expect(getInstallerProblem('TypeError: fetch failed\n    at x', 1, null)).toBe(
      'TypeError: fetch failed: a network error — check the connection, HTTPS_PROXY or ELECTRON_MIRROR',
    );
  });

  it('keeps the clause to one sentence and says something even without output', () => {
    expect(getInstallerProblem('Error: first. Second part.', 1, null)).toBe('Error: first; Second part');
    expect(getInstallerProblem('', null, 'SIGKILL')).toBe('it exited with signal SIGKILL and no message');
    expect(getInstallerProblem('\u001b[31m\u001b[0m', 7, null)).toBe('it exited with code 7 and no message');
  });
});

describe('getInstallerEnv', () => {
  it("turns on @electron/get's and node's proxy support when a proxy is set", () => {
    const env = getInstallerEnv({ HTTPS_PROXY: 'http://proxy:3128', PATH: '/bin' }, '/t');
    expect(env).toMatchObject({
      HTTPS_PROXY: 'http://proxy:3128',
      ELECTRON_GET_USE_PROXY: '1',
      NODE_USE_ENV_PROXY: '1',
      TMPDIR: '/t',
      PATH: '/bin',
    });
  });

  it("uses npm's own proxy settings (npm start passes them as npm_config_*)", () => {
    const env = getInstallerEnv({ npm_config_https_proxy: 'http://corp:8080' }, '/t');
    expect(env).toMatchObject({ HTTPS_PROXY: 'http://corp:8080', ELECTRON_GET_USE_PROXY: '1' });
  });

  it('adds no proxy switch without a proxy, and keeps the mirror and cache settings', () => {
    const env = getInstallerEnv({ ELECTRON_MIRROR: 'https://m/', electron_config_cache: '/c' }, '/t');
    expect(env.ELECTRON_GET_USE_PROXY).toBeUndefined();
    expect(env).toMatchObject({ ELECTRON_MIRROR: 'https://m/', electron_config_cache: '/c' });
  });
});

describe('where the download comes from and is kept', () => {
  it('names the mirror, else GitHub', () => {
    expect(getDownloadSource({ ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' })).toBe(
      'https://npmmirror.com/mirrors/electron/',
    );
    expect(getDownloadSource({})).toBe('https://github.com/electron/electron/releases/download/');
  });

  it("uses @electron/get's cache dirs", () => {
    expect(getElectronCacheDir({}, 'darwin', '/Users/me')).toBe('/Users/me/Library/Caches/electron');
    expect(getElectronCacheDir({}, 'linux', '/home/me')).toBe('/home/me/.cache/electron');
    expect(getElectronCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', '/home/me')).toBe('/x/electron');
    expect(getElectronCacheDir({ electron_config_cache: '/c' }, 'darwin', '/Users/me')).toBe('/c');
  });
});
