/**
 * Runs the bundled `quota-broker` CLI for what the app does not host itself: `doctor` (shown in a
 * dialog) and `serve` (the dashboard opened in the browser). The CLI is plain node, and the app's
 * Electron cannot run as node (the RunAsNode fuse is off), so it needs a `node` on PATH; the build
 * unpacks bin/ and dist/cli.cjs from the asar for it.
 */
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export const DOCTOR_TIMEOUT_MS = 15_000;
/** How long `serve` may take to print its URL. */
export const SERVE_START_TIMEOUT_MS = 15_000;

export interface CliRunnerDeps {
  /** Absolute path of `node`, or null when none was found. */
  nodeBin: string | null;
  /** Absolute path of bin/quota-broker.cjs (outside the asar). */
  cliPath: string;
  env: NodeJS.ProcessEnv;
  spawn: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
}

export interface CliRunner {
  readonly available: boolean;
  /** `quota-broker doctor`: exit code and its report. */
  runDoctor(): Promise<{ code: number | null; output: string }>;
  /** Starts `quota-broker serve` once and resolves with the URL it printed. */
  dashboardUrl(): Promise<string>;
  stop(): void;
}

/** The first loopback dashboard URL in `serve`'s output. */
export function findDashboardUrl(text: string): string | null {
  const match = /https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/[^\s"'<>]*/.exec(text);
  return match ? match[0] : null;
}

const NO_NODE =
  'This needs Node.js on PATH (the quota-broker CLI is plain node). Install Node 20+, or run it from a terminal.';

/** Creates the runner; `available` is false without node. */
export function createCliRunner(deps: CliRunnerDeps): CliRunner {
  let serve: ChildProcess | null = null;
  let url: Promise<string> | null = null;

  const run = (args: string[]) => {
    if (!deps.nodeBin) throw new Error(NO_NODE);
    return deps.spawn(deps.nodeBin, [deps.cliPath, ...args], {
      env: deps.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  };

  return {
    available: deps.nodeBin !== null,
    runDoctor() {
      return new Promise((resolve) => {
        let output = '';
        let child: ChildProcess;
        try {
          child = run(['doctor']);
        } catch (e) {
          return resolve({ code: null, output: (e as Error).message });
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), DOCTOR_TIMEOUT_MS);
        child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
        child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
        child.on('error', (e) => (output += e.message));
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, output: output.trim() });
        });
      });
    },
    dashboardUrl() {
      if (!deps.nodeBin) return Promise.reject(new Error(NO_NODE));
      if (url) return url;
      url = new Promise<string>((resolve, reject) => {
        let seen = '';
        const child = run(['serve']);
        serve = child;
        const timer = setTimeout(
          () => reject(new Error('quota-broker serve printed no URL.')),
          SERVE_START_TIMEOUT_MS,
        );
        const onData = (c: Buffer) => {
          seen += c.toString('utf8');
          const found = findDashboardUrl(seen);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.on('error', (e) => reject(e));
        child.on('exit', (code) => {
          serve = null;
          url = null;
          clearTimeout(timer);
          reject(new Error(`quota-broker serve exited (${code}): ${seen.trim().slice(-300)}`));
        });
      });
      return url;
    },
    stop() {
      serve?.kill('SIGTERM');
      serve = null;
    },
  };
}
