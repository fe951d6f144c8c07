/**
 * Runs the real built main process (dist/electron/main.cjs) in this Node process, with the stand-in as
 * its `electron` module and Debian's Chromium for its windows. The process environment is the app's
 * while it runs (it reads HOME and the QUOTA_BROKER_* variables), and restored by `stop()`.
 */
import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser/support/chromium';
import { REPO } from '../support/run-cli';
import { createStandInElectron, type StandInRecord } from './stand-in-electron';

export const MAIN_BUNDLE = join(REPO, 'dist', 'electron', 'main.cjs');
/** Electron's `grantFileProtocolExtraPrivileges` fuse: the renderer's module scripts load from file://. */
const FILE_PRIVILEGES = '--allow-file-access-from-files';
const QUIT_WAIT_MS = 10_000;

export interface StandInAppRun {
  record: StandInRecord;
  /** Quits the app if it still runs, closes Chromium, restores the environment. */
  stop(): Promise<void>;
}

function replaceEnv(env: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
}

export async function runMainInStandIn(opts: {
  env: NodeJS.ProcessEnv;
  userData: string;
}): Promise<StandInAppRun> {
  const browser: Browser = await launchChromium([FILE_PRIVILEGES]);
  const context = await browser.newContext();
  const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const { electron, record } = createStandInElectron({
    app: { appPath: REPO, userData: opts.userData, home: opts.env.HOME ?? '', version },
    context,
  });
  const require = createRequire(MAIN_BUNDLE);
  const electronPath = require.resolve('electron');
  const stub = new Module(electronPath);
  stub.filename = electronPath;
  stub.loaded = true;
  stub.exports = electron;
  require.cache[electronPath] = stub;

  const savedEnv = { ...process.env };
  replaceEnv(opts.env);
  require(MAIN_BUNDLE);
  return {
    record,
    async stop() {
      if (record.app.exitCode === null) {
        record.app.quit();
        await Promise.race([record.app.exited, new Promise((r) => setTimeout(r, QUIT_WAIT_MS))]);
      }
      delete require.cache[MAIN_BUNDLE];
      delete require.cache[electronPath];
      replaceEnv(savedEnv);
      await browser.close();
    },
  };
}
