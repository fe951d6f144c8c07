/** `quota-broker serve` as a real child process: waits for the printed URL, stops with SIGTERM. */
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from '../../support/run-cli';

export interface ServeProcess {
  /** The printed dashboard URL, token included: never log it. */
  url: string;
  port: number;
  token: string;
  /** Everything serve wrote so far (for failure messages; it never prints a token but the URL line). */
  stderr(): string;
  stop(): Promise<void>;
}

const URL_LINE = /Quota Broker dashboard: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/;
const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns `node bin/quota-broker.cjs serve` with `env` and resolves once it listens. */
export function startServe(env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child);
      reject(new Error(`quota-broker serve ${why}; stderr: ${stderr.trim() || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`printed no URL within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('exit', (code) => fail(`exited early with code ${code}`));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = URL_LINE.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: m[1],
        port: Number(m[2]),
        token: m[3],
        stderr: () => stderr,
        stop: () => stopChild(child),
      });
    });
  });
}
