/**
 * `npm start` after the build (scripts/start.mjs): probe for Electron's binary, run Electron's own
 * installer when it is missing, then start the menu-bar app — or say in one sentence why not and run
 * `quota-broker serve` instead. Never requires 'electron' (under node that starts a download of its own).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { getElectronBinaryPath, getStartDecision, type InstallOutcome, type StartProbe } from './decision';
import { getInstallTimeoutMs, runElectronInstaller } from './installer';
import { getDownloadSource, getElectronCacheDir, getProgressLine } from './installer-output';

export interface RunStartOptions {
  /** The project: Electron's app dir, and where bin/quota-broker.cjs lives. */
  root: string;
  /** node_modules/electron */
  electronDir: string;
  /** Passed on to the app or to `serve`. */
  args: string[];
  env: NodeJS.ProcessEnv;
  out: { write(text: string): unknown; isTTY?: boolean };
}

/** A terminal gets one line rewritten every second; anything else a line once bytes arrive, then this often. */
const PLAIN_PROGRESS_EVERY_MS = 5_000;

/** Whether require() loads ES modules here (Node 20.19+, 22.12+); unknown before the flag existed. */
function canRequireEsm(): boolean {
  return (process.features as { require_module?: boolean }).require_module === true;
}

function probe(opts: RunStartOptions, install?: InstallOutcome): StartProbe {
  const hasPackage = existsSync(join(opts.electronDir, 'package.json'));
  const pathTxt = join(opts.electronDir, 'path.txt');
  const binary = hasPackage
    ? getElectronBinaryPath(
        opts.electronDir,
        existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : null,
        process.platform,
        opts.env,
      )
    : null;
  return {
    platform: process.platform,
    electronBinary: binary,
    electronBinaryExists: binary !== null && existsSync(binary),
    env: opts.env,
    nodeVersion: process.versions.node,
    requireEsm: canRequireEsm(),
    install,
  };
}

async function install(opts: RunStartOptions): Promise<InstallOutcome> {
  const { version } = JSON.parse(readFileSync(join(opts.electronDir, 'package.json'), 'utf8'));
  const timeoutMs = getInstallTimeoutMs(opts.env);
  const cache = getElectronCacheDir(opts.env, process.platform, homedir());
  opts.out.write(
    `Electron ${version} is not downloaded yet: Electron's installer fetches it once for ` +
      `${process.platform}-${process.arch} from ${getDownloadSource(opts.env)} (kept in ${cache})…\n`,
  );
  let lastPlain: number | null = null;
  let shown = false;
  const outcome = await runElectronInstaller({
    electronDir: opts.electronDir,
    env: opts.env,
    timeoutMs,
    onOutput: (text) => opts.out.write(text),
    onProgress: (bytes, elapsedMs) => {
      if (opts.out.isTTY) {
        opts.out.write(`\r${getProgressLine(bytes, elapsedMs, timeoutMs)}`);
        shown = true;
      } else if (lastPlain === null ? bytes > 0 : elapsedMs - lastPlain >= PLAIN_PROGRESS_EVERY_MS) {
        lastPlain = elapsedMs;
        opts.out.write(`${getProgressLine(bytes, elapsedMs, timeoutMs)}\n`);
      }
    },
  });
  if (shown) opts.out.write('\n');
  if (outcome.ok) opts.out.write(`Electron ${version} is installed.\n`);
  return outcome;
}

/** Runs the app or the dashboard and resolves with its exit code. */
export async function runStart(opts: RunStartOptions): Promise<number> {
  let decision = getStartDecision(probe(opts));
  if (decision.mode === 'install') decision = getStartDecision(probe(opts, await install(opts)));

  const [command, args] =
    decision.mode === 'electron'
      ? [decision.binary, [opts.root, ...opts.args]]
      : [process.execPath, [join(opts.root, 'bin', 'quota-broker.cjs'), 'serve', ...opts.args]];
  if (decision.mode === 'headless') {
    opts.out.write(
      `${decision.reason} Running the engine headless with the local dashboard instead (quota-broker serve):\n`,
    );
  }
  const child = spawn(command, args, { cwd: opts.root, env: opts.env, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    const done = (code: number) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.on('error', (e) => {
      opts.out.write(`npm start: could not run ${command}: ${e.message}\n`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}
