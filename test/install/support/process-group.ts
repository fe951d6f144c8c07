/**
 * A command run as a user would (e.g. `npm start`), in its own process group so that stopping it by its
 * pid also stops what it started (npm → node scripts/start.mjs → quota-broker serve).
 */
import { spawn } from 'node:child_process';

export interface GroupRun {
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects on exit or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM to the whole group by the leader's pid, SIGKILL after a grace period; resolves on exit. */
  stop(): Promise<void>;
}

const WAIT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export function runInGroup(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): GroupRun {
  const child = spawn(command, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = false;
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      for (const l of listeners) l();
      resolve();
    }),
  );
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  return {
    output: () => output,
    waitFor: (pattern, timeoutMs = WAIT_MS) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = output.match(pattern);
          if (m) done(() => resolve(m));
          else if (exited)
            done(() => reject(new Error(`${command} exited before printing ${pattern}:\n${output}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      }),
    stop: async () => {
      if (exited) return;
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS);
      await exit;
      clearTimeout(timer);
      kill('SIGKILL'); // anything the leader left behind in its group
    },
  };
}
