/**
 * Taking over from a headless broker (docs/electron.md): when `quota-broker daemon` or `serve` holds the
 * broker lock, the app follows its cache and offers to poll itself. Taking over asks that process to
 * stop (SIGTERM: both shut down cleanly and release the lock), waits for it to exit, then runs a cycle.
 */
import type { BrokerInfo } from '../adapters/broker-lock';

/** How long the other broker may take to stop. */
export const TAKEOVER_WAIT_MS = 10_000;
const POLL_MS = 200;

export type TakeoverResult = { ok: true; stoppedPid: number | null } | { ok: false; message: string };

export interface TakeoverDeps {
  /** The live lock holder's info, or null when nobody holds the lock. */
  getHolder: () => Promise<BrokerInfo | null>;
  kill: (pid: number, signal: NodeJS.Signals) => void;
  isAlive: (pid: number) => boolean;
  /** Called once the lock is free: runs a cycle (the daemon takes the lock). */
  becomeBroker: () => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  waitMs?: number;
  ownPid?: number;
}

/** Whether a lock holder may be asked to stop: a long-running headless broker, never ourselves. */
export function canTakeOverFrom(holder: BrokerInfo | null, ownPid: number): boolean {
  return (
    holder !== null && holder.pid !== ownPid && (holder.surface === 'daemon' || holder.surface === 'serve')
  );
}

/** Stops the headless broker holding the lock and makes this app the broker. */
export async function takeOverBroker(deps: TakeoverDeps): Promise<TakeoverResult> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const holder = await deps.getHolder();
  if (!holder) {
    await deps.becomeBroker();
    return { ok: true, stoppedPid: null };
  }
  if (!canTakeOverFrom(holder, deps.ownPid ?? process.pid)) {
    return {
      ok: false,
      message: `The broker lock is held by a ${holder.surface} run (pid ${holder.pid}); it releases the lock when it finishes.`,
    };
  }
  try {
    deps.kill(holder.pid, 'SIGTERM');
  } catch (e) {
    return { ok: false, message: `Could not stop the broker (pid ${holder.pid}): ${(e as Error).message}` };
  }
  const waitMs = deps.waitMs ?? TAKEOVER_WAIT_MS;
  const deadline = Date.now() + waitMs;
  while (deps.isAlive(holder.pid)) {
    if (Date.now() >= deadline) {
      return {
        ok: false,
        message: `The broker (pid ${holder.pid}) did not stop within ${waitMs / 1000} s.`,
      };
    }
    await sleep(POLL_MS);
  }
  await deps.becomeBroker();
  return { ok: true, stoppedPid: holder.pid };
}

/** `process.kill(pid, 0)`: true while the process exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
