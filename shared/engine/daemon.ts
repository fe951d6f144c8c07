/**
 * The long-running broker (CLI `daemon`, the app, `serve`): holds the broker lock, runs a cycle whenever a
 * slot is due (checked at least every TICK_MAX_MS, so a laptop waking from sleep runs promptly), runs one
 * at once on SIGUSR1 or `requestCycle()`, and follows (without polling) while another broker holds the lock.
 */
import { type BrokerLockHandle, type BrokerSurface, tryAcquireBrokerLock } from '../adapters/broker-lock';
import { readEngineState } from '../adapters/engine-state-store';
import { redactUnknown } from '../domain/redact';
import { runLocked } from './broker';
import type { CycleOptions, CycleResult } from './cycle';
import type { EngineDeps } from './deps';

/** Longest sleep between checks; bounds how late the first cycle after a wake-up can be. */
export const TICK_MAX_MS = 60_000;
export const TICK_MIN_MS = 2_000;
/** How often a follower tries to take over a lock whose holder went away. */
export const FOLLOWER_RETRY_MS = 15_000;

export interface DaemonHandle {
  /** Runs a cycle now (refresh-now); resolves with its result, or null while following another broker. */
  requestCycle(options?: CycleOptions): Promise<CycleResult | null>;
  stop(): Promise<void>;
  readonly role: 'broker' | 'follower';
}

export interface DaemonOptions {
  surface: BrokerSurface;
  onCycle?: (result: CycleResult) => void;
  onRoleChange?: (role: 'broker' | 'follower') => void;
  afterWrite?: CycleOptions['afterWrite'];
}

export function startDaemon(deps: EngineDeps, now: () => number, options: DaemonOptions): DaemonHandle {
  let lock: BrokerLockHandle | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // Cycles run one at a time, in order: two overlapping cycles would read the same state and
  // duplicate calls or lose each other's request counts and back-off (last writer wins).
  let queue: Promise<unknown> = Promise.resolve();
  // A request not yet started absorbs identical ones (a double click, a burst of SIGUSR1).
  let waiting: { key: string; result: Promise<CycleResult | null> } | null = null;
  let role: 'broker' | 'follower' = 'follower';

  const setRole = (next: 'broker' | 'follower') => {
    if (next !== role) {
      role = next;
      options.onRoleChange?.(role);
    }
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
  };

  async function ensureLock(): Promise<boolean> {
    if (lock && !lock.compromised) return true;
    lock = await tryAcquireBrokerLock(deps.paths, options.surface, now(), deps.fs).catch((e) => {
      deps.logger.error(`broker lock: ${redactUnknown(e)}`);
      return null;
    });
    setRole(lock ? 'broker' : 'follower');
    if (lock) deps.logger.info(`broker started (${options.surface}, pid ${process.pid})`);
    return lock !== null;
  }

  async function cycle(cycleOptions: CycleOptions = {}): Promise<CycleResult | null> {
    if (!(await ensureLock()) || !lock) return null;
    try {
      const result = await runLocked(deps, lock, now, { ...cycleOptions, afterWrite: options.afterWrite });
      options.onCycle?.(result);
      return result;
    } catch (e) {
      deps.logger.error(`cycle failed: ${redactUnknown(e)}`);
      return null;
    }
  }

  function enqueue(cycleOptions: CycleOptions): Promise<CycleResult | null> {
    const key = JSON.stringify([Boolean(cycleOptions.force), cycleOptions.slot ?? null]);
    if (waiting && waiting.key === key) return waiting.result;
    const entry: { key: string; result: Promise<CycleResult | null> } = {
      key,
      result: Promise.resolve(null),
    };
    entry.result = queue.then(() => {
      if (waiting === entry) waiting = null;
      return stopped ? null : cycle(cycleOptions);
    });
    waiting = entry;
    queue = entry.result.catch(() => undefined);
    return entry.result;
  }

  async function tick() {
    if (stopped) return;
    await enqueue({});
    schedule(role === 'broker' ? await nextWakeMs() : FOLLOWER_RETRY_MS);
  }

  async function nextWakeMs(): Promise<number> {
    const state = await readEngineState(deps.paths.engineState);
    const t = now();
    let soonest = t + TICK_MAX_MS;
    for (const s of Object.values(state.slots)) {
      if (s.next_due_at != null && s.next_due_at > t) soonest = Math.min(soonest, s.next_due_at);
    }
    return Math.min(TICK_MAX_MS, Math.max(TICK_MIN_MS, soonest - t));
  }

  const onSignal = () => {
    deps.logger.info('cycle requested (SIGUSR1)');
    void handle.requestCycle({ force: true });
  };
  process.on('SIGUSR1', onSignal);
  schedule(0);

  const handle: DaemonHandle = {
    get role() {
      return role;
    },
    requestCycle: (cycleOptions = {}) => enqueue(cycleOptions),
    async stop() {
      stopped = true;
      process.off('SIGUSR1', onSignal);
      if (timer) clearTimeout(timer);
      await queue;
      if (lock) await lock.release();
      lock = null;
      deps.logger.info('broker stopped');
    },
  };
  return handle;
}
