/** The built `quota-broker` CLI as a child process a test can SIGKILL at a chosen moment. */
import { type ChildProcess, spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { BIN } from '../../support/run-cli';

export interface BrokerProcess {
  child: ChildProcess;
  /** Resolves when the process has exited (killed or not), with everything it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** SIGKILLs the process; returns the wall-clock time of the kill. */
  kill(): number;
}

/** Starts `quota-broker <args>` with `env`. */
export function startBroker(args: string[], env: NodeJS.ProcessEnv): BrokerProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<Awaited<BrokerProcess['done']>>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    kill() {
      const at = Date.now();
      child.kill('SIGKILL');
      return at;
    },
  };
}

/** Resolves when `check()` is true (polled every `everyMs`), or false after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs: number, everyMs = 1): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

/** Resolves true when a file named `name` is created or renamed into `dir` (inotify), false after `timeoutMs`. */
export function waitForFileEvent(dir: string, name: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const watcher = watch(dir, (_event, filename) => {
      if (filename === name) finish(true);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(seen: boolean) {
      clearTimeout(timer);
      watcher.close();
      resolve(seen);
    }
  });
}
