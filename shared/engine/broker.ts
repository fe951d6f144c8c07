/**
 * Running cycles as the one broker (docs/contracts.md "Surfaces"): take the broker lock, run, release. A second engine
 * (cron `refresh`, a statusline-started refresh, another surface) never duplicates calls: it waits for the
 * running cycle, or asks a running daemon for a cycle, and reports.
 */
import {
  type BrokerLockHandle,
  type BrokerSurface,
  getBrokerHolder,
  tryAcquireBrokerLock,
} from '../adapters/broker-lock';
import { readCache } from '../adapters/cache-store';
import { redactUnknown } from '../domain/redact';
import type { CacheFile } from '../domain/types';
import { type CycleOptions, type CycleResult, runCycle } from './cycle';
import type { EngineDeps } from './deps';

/** How long a second `refresh` waits for the broker's running (or requested) cycle. */
export const WAIT_FOR_BROKER_MS = 60_000;
const POLL_MS = 250;

export type RefreshOutcome =
  | { type: 'ran'; result: CycleResult }
  | { type: 'followed'; cache: CacheFile | null; holderPid: number | null; waitedForCycle: boolean }
  | { type: 'busy'; cache: CacheFile | null; holderPid: number | null };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one cycle under the broker lock, or follows the broker that holds it. */
export async function refreshOnce(
  deps: EngineDeps,
  now: () => number,
  options: CycleOptions & { surface?: BrokerSurface; waitMs?: number } = {},
): Promise<RefreshOutcome> {
  const waitMs = options.waitMs ?? WAIT_FOR_BROKER_MS;
  const deadline = now() + waitMs;
  const before = await cacheTs(deps);
  let signalled = false;
  for (;;) {
    const lock = await tryAcquireBrokerLock(deps.paths, options.surface ?? 'refresh', now(), deps.fs);
    if (lock) {
      // Someone finished a cycle while we waited: their numbers are as fresh as ours would be.
      const after = await cacheTs(deps);
      if (after !== before && !options.force) {
        await lock.release();
        return { type: 'followed', cache: await currentCache(deps), holderPid: null, waitedForCycle: true };
      }
      try {
        return { type: 'ran', result: await runLocked(deps, lock, now, options) };
      } finally {
        await lock.release();
      }
    }
    const holder = await getBrokerHolder(deps.paths, now());
    const ts = await cacheTs(deps);
    if (ts !== before) {
      return {
        type: 'followed',
        cache: await currentCache(deps),
        holderPid: holder.info?.pid ?? null,
        waitedForCycle: true,
      };
    }
    // A daemon between cycles: ask it for one now (SIGUSR1) and wait for its cache.
    if (
      !signalled &&
      holder.info &&
      holder.info.surface !== 'refresh' &&
      holder.info.cycle_started_at == null
    ) {
      signalled = trySignal(holder.info.pid);
    }
    if (now() >= deadline)
      return { type: 'busy', cache: await currentCache(deps), holderPid: holder.info?.pid ?? null };
    await sleep(POLL_MS);
  }
}

/** Runs one cycle while holding `lock`, recording the cycle in broker.json. */
export async function runLocked(
  deps: EngineDeps,
  lock: BrokerLockHandle,
  now: () => number,
  options: CycleOptions,
): Promise<CycleResult> {
  // broker.json only informs other processes: a state dir that refuses it must not cost the cycle,
  // whose own writes report the trouble in one sentence.
  await lock
    .setInfo({ cycle_started_at: now() })
    .catch((e) => deps.logger.warn(`broker.json not written: ${redactUnknown(e)}`));
  try {
    return await runCycle(deps, now, options);
  } finally {
    await lock.setInfo({ cycle_started_at: null, last_cycle_at: now() }).catch(() => undefined);
  }
}

function trySignal(pid: number): boolean {
  try {
    process.kill(pid, 'SIGUSR1');
    return true;
  } catch {
    return false;
  }
}

async function currentCache(deps: EngineDeps): Promise<CacheFile | null> {
  const load = await readCache(deps.paths.cache);
  return load.state === 'ok' ? load.cache : null;
}

async function cacheTs(deps: EngineDeps): Promise<number | null> {
  return (await currentCache(deps))?.ts ?? null;
}
