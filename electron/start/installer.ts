/**
 * Runs Electron's own installer (node_modules/electron/install.js: `@electron/get` with its mirror,
 * proxy and cache settings, checksum check, unzip, path.txt) as a child of this node, with a bounded
 * wait and a progress line. The installer prints no progress of its own where its output is not a
 * terminal, so the bytes it has written into a private temp dir are reported instead.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InstallOutcome } from './decision';
import { getInstallerEnv, getInstallerProblem } from './installer-output';

/** How long `npm start` waits for the download by default (about 100 MB). */
export const INSTALL_TIMEOUT_MS = 5 * 60_000;
/** Overrides {@link INSTALL_TIMEOUT_MS}, in seconds. */
export const INSTALL_TIMEOUT_ENV = 'QUOTA_BROKER_ELECTRON_INSTALL_TIMEOUT_S';
const PROGRESS_EVERY_MS = 1_000;
const KILL_GRACE_MS = 3_000;

export interface InstallerOptions {
  /** node_modules/electron */
  electronDir: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Called about once a second while the installer runs. */
  onProgress: (bytes: number, elapsedMs: number) => void;
  /** The installer's own stdout lines (it prints deprecation notes there). */
  onOutput: (text: string) => void;
}

/** The wait from {@link INSTALL_TIMEOUT_ENV}, else the default. */
export function getInstallTimeoutMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env[INSTALL_TIMEOUT_ENV]);
  return Number.isFinite(s) && s > 0 ? s * 1000 : INSTALL_TIMEOUT_MS;
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    try {
      total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
    } catch {
      // The installer renamed or removed it meanwhile.
    }
  }
  return total;
}

/** Runs install.js and resolves with its outcome; never rejects. */
export function runElectronInstaller(opts: InstallerOptions): Promise<InstallOutcome> {
  const temp = mkdtempSync(join(tmpdir(), 'quota-broker-electron-'));
  const started = Date.now();
  return new Promise<InstallOutcome>((resolve) => {
    const child = spawn(process.execPath, [join(opts.electronDir, 'install.js')], {
      cwd: opts.electronDir,
      env: getInstallerEnv(opts.env, temp),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => opts.onOutput(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const progress = setInterval(
      () => opts.onProgress(bytesUnder(temp), Date.now() - started),
      PROGRESS_EVERY_MS,
    );
    const deadline = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    }, opts.timeoutMs);
    let done = false;
    const finish = (outcome: InstallOutcome) => {
      if (done) return;
      done = true;
      clearInterval(progress);
      clearTimeout(deadline);
      rmSync(temp, { recursive: true, force: true });
      resolve(outcome);
    };
    child.on('error', (e) => finish({ ok: false, problem: `it could not be started: ${e.message}` }));
    child.on('close', (code, signal) => {
      if (timedOut) finish({ ok: false, problem: `it did not finish within ${opts.timeoutMs / 1000} s` });
      else if (code === 0) finish({ ok: true });
      else finish({ ok: false, problem: getInstallerProblem(stderr, code, signal) });
    });
  });
}
