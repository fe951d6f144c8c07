/**
 * Electron's own installer as npm start runs it (electron/start/installer.ts), on the paths a first start
 * can take besides a mirror: behind a proxy, and a download that never finishes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runElectronInstaller } from '../../electron/start/installer';
import { type RecordingProxy, startRecordingProxy } from '../support/recording-proxy';
import { type ReleaseMirror, startReleaseMirror } from '../support/release-mirror';
import { createStoredZip } from '../support/stored-zip';
import { ARCHIVE_PATH, copyElectronPackage, NODE_PATH } from './support/electron-package';

let temp: string;
let electronDir: string;
let proxy: RecordingProxy;
let mirror: ReleaseMirror;

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'qb-electron-installer-'));
  electronDir = copyElectronPackage(temp);
  proxy = await startRecordingProxy();
  mirror = await startReleaseMirror();
});
afterAll(async () => {
  await proxy?.close();
  await mirror?.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const install = (env: NodeJS.ProcessEnv, timeoutMs = 60_000) =>
  runElectronInstaller({
    electronDir,
    env: {
      PATH: process.env.PATH,
      HOME: temp,
      NODE_PATH,
      electron_config_cache: join(temp, 'cache'),
      ...env,
    },
    timeoutMs,
    onProgress: () => undefined,
    onOutput: () => undefined,
  });

describe("Electron's installer run by npm start", () => {
  it('goes through HTTP_PROXY: a mirror host that does not resolve is reached through the proxy', async () => {
    const outcome = await install({
      HTTP_PROXY: proxy.url,
      ELECTRON_MIRROR: 'http://electron-mirror.invalid/',
    });
    expect(outcome).toEqual({
      ok: false,
      problem: `HTTPError: Response code 404 (Not Found) for http://electron-mirror.invalid${ARCHIVE_PATH}`,
    });
    expect(proxy.connects).toEqual(['electron-mirror.invalid:80']);
    expect(proxy.requests).toEqual([`electron-mirror.invalid${ARCHIVE_PATH}`]);
  });

  it('is stopped after the bounded wait when the download never finishes, and says so', async () => {
    const archive = createStoredZip([{ name: 'padding.bin', data: Buffer.alloc(200_000) }]);
    mirror.put(ARCHIVE_PATH, archive, new Promise<void>(() => undefined)); // half sent, then nothing
    const outcome = await install({ ELECTRON_MIRROR: mirror.url }, 1_500);
    expect(outcome).toEqual({ ok: false, problem: 'it did not finish within 1.5 s' });
    expect(mirror.requests).toEqual([ARCHIVE_PATH]);
  });
});
