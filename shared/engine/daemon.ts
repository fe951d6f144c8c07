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
  let running: Promise<CycleResult | null> | null = null;
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
    lock = await tryAcquireBrokerLock(deps.paths, options.surface, now()).catch((e) => {
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

  async function tick() {
    if (stopped) return;
    if (!running) {
      running = cycle();
      await running;
      running = null;
    }
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
    async requestCycle(cycleOptions = {}) {
      if (running) await running;
      running = cycle(cycleOptions);
      const result = await running;
      running = null;
      return result;
    },
    async stop() {
      stopped = true;
      process.off('SIGUSR1', onSignal);
      if (timer) clearTimeout(timer);
      if (running) await running;
      if (lock) await lock.release();
      lock = null;
      deps.logger.info('broker stopped');
    },
  };
  return handle;
}
