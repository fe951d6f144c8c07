/**
 * The one-broker lock (docs/contracts.md "Surfaces"): however many surfaces run (app, daemon, cron `refresh`, dashboard,
 * statusline-started refresh), one of them polls. A proper-lockfile directory lock at `<state dir>/broker.lock`
 * whose mtime the holder refreshes every 10 s; `broker.json` says who holds it.
 */
import { stat } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import type * as v from 'valibot';
import {
  type BrokerInfoSchema,
  type BrokerSurfaceSchema,
  parseBrokerInfo,
} from '../domain/schemas/broker-files';
import { BROKER_LOCK_STALE_MS } from '../domain/timing';
import type { FileSystem } from '../ports/file-system';
import { PRIVATE_DIR_MODE, readTextIfExists, writeFileAtomic } from './fs/atomic-write';
import type { BrokerPaths } from './paths';

export const BROKER_LOCK_UPDATE_MS = 10_000;

export type BrokerSurface = v.InferOutput<typeof BrokerSurfaceSchema>;

/** `broker.json`: who holds the lock (domain/schemas/broker-files.ts documents each field). */
export type BrokerInfo = v.InferOutput<typeof BrokerInfoSchema>;

export interface BrokerLockHandle {
  release(): Promise<void>;
  /** Updates broker.json (cycle start/end); rejects when the state dir refuses the write. */
  setInfo(patch: Partial<BrokerInfo>): Promise<void>;
  /** True after the lock was lost (e.g. the state dir vanished); the holder should stop polling. */
  readonly compromised: boolean;
}

/** The proper-lockfile directory whose presence and mtime say a broker holds the lock. */
export function getBrokerLockPath(paths: BrokerPaths): string {
  return `${paths.brokerLock}.lock`;
}

/**
 * Takes the broker lock without waiting; null when a live broker holds it. broker.json is written
 * through `fs`; it only informs other processes, so a state dir that refuses it does not stop the broker
 * (the cycle's own writes then report the trouble).
 */
export async function tryAcquireBrokerLock(
  paths: BrokerPaths,
  surface: BrokerSurface,
  now: number,
  fs: FileSystem,
): Promise<BrokerLockHandle | null> {
  await fs.mkdirp(paths.stateDir, PRIVATE_DIR_MODE);
  let compromised = false;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(paths.brokerLock, {
      lockfilePath: getBrokerLockPath(paths),
      realpath: false,
      stale: BROKER_LOCK_STALE_MS,
      update: BROKER_LOCK_UPDATE_MS,
      retries: 0,
      onCompromised: () => {
        compromised = true;
      },
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'ELOCKED') return null;
    throw e;
  }
  let info: BrokerInfo = {
    pid: process.pid,
    surface,
    started_at: now,
    cycle_started_at: null,
    last_cycle_at: null,
  };
  // Atomic but not fsynced: broker.json only informs (the lock dir is the truth), and the two fsyncs of
  // each of its three writes per cycle were on the refresh command's path (docs/BENCHMARKS.md).
  const writeInfo = () =>
    writeFileAtomic(paths.brokerInfo, `${JSON.stringify(info)}\n`, { mode: 0o600, fs, durable: false });
  await writeInfo().catch(() => undefined);
  return {
    get compromised() {
      return compromised;
    },
    async setInfo(patch) {
      info = { ...info, ...patch };
      await writeInfo();
    },
    async release() {
      await release().catch(() => undefined);
    },
  };
}

export interface BrokerHolder {
  alive: boolean;
  info: BrokerInfo | null;
  /** Age of the lock's heartbeat (ms), null without a lock. */
  heartbeatAgeMs: number | null;
}

/** Who holds the broker lock, judged as proper-lockfile judges staleness (mtime within 30 s). */
export async function getBrokerHolder(paths: BrokerPaths, now: number): Promise<BrokerHolder> {
  let heartbeatAgeMs: number | null = null;
  try {
    const st = await stat(getBrokerLockPath(paths));
    heartbeatAgeMs = Math.max(0, now - st.mtimeMs);
  } catch {
    return { alive: false, info: null, heartbeatAgeMs: null };
  }
  let info: BrokerInfo | null = null;
  try {
    const text = await readTextIfExists(paths.brokerInfo);
    info = text ? parseBrokerInfo(text) : null;
  } catch {
    info = null;
  }
  return { alive: heartbeatAgeMs < BROKER_LOCK_STALE_MS, info, heartbeatAgeMs };
}
