/**
 * The app's engine host: runs the broker (or follows the one that holds the lock), answers the
 * QuotaApi operations from main and pushes state changes. Electron-free: main wires it to IPC, the
 * tray and notifications.
 */

import { readHistory } from '../../shared/adapters/history-store';
import { editRegistry, setEnabled } from '../../shared/adapters/registry/registry-store';
import { redactUnknown } from '../../shared/domain/redact';
import { refreshOnce } from '../../shared/engine/broker';
import type { DaemonHandle, DaemonOptions } from '../../shared/engine/daemon';
import type { EngineDeps } from '../../shared/engine/deps';
import type { ApiResult, HistoryPoint, QuotaState } from '../../shared/ipc/contract';
import type { ReloginTarget } from '../relogin';
import { findReloginTarget } from './find-slot';
import { type HostSnapshot, readHostSnapshot } from './read-state';

/** How often the host re-reads the cache, so a follower sees the other broker's cycles. */
export const STATE_POLL_MS = 5_000;
/** History the popover's sparkline shows. */
export const HISTORY_SPAN_MS = 7 * 24 * 3_600_000;
/** How long refresh-now waits for another broker's cycle while following. */
export const FOLLOWER_REFRESH_WAIT_MS = 30_000;

export interface QuotaHostDeps {
  engine: EngineDeps;
  now: () => number;
  startDaemon: (deps: EngineDeps, now: () => number, options: DaemonOptions) => DaemonHandle;
}

export interface QuotaHost {
  snapshot(): Promise<HostSnapshot>;
  getState(): Promise<ApiResult<QuotaState>>;
  refreshNow(slot?: string): Promise<ApiResult<QuotaState>>;
  setEnabled(slot: string, enabled: boolean): Promise<ApiResult<QuotaState>>;
  getHistory(slot: string): Promise<ApiResult<HistoryPoint[]>>;
  /** A slot's re-login target (email, config dir), or null for an unknown slot. */
  findSlot(slot: string): Promise<ReloginTarget | null>;
  /** Runs a cycle through the app's own daemon, taking the broker lock when it is free (take-over). */
  claimBroker(): Promise<void>;
  /** Runs a cycle for one slot (after a re-login). */
  refreshSlot(slot: string): Promise<void>;
  /** Called with every new snapshot (cycle end, role change, follower cache change). */
  onSnapshot(listener: (snapshot: HostSnapshot) => void): () => void;
  readonly role: 'broker' | 'follower';
  stop(): Promise<void>;
}

const failure = (code: string, err: unknown) => ({
  ok: false as const,
  error: { code, message: redactUnknown(err) },
});

/** Starts the engine for the app (surface `app`) and returns its operations. */
export function createQuotaHost(deps: QuotaHostDeps): QuotaHost {
  const { engine, now } = deps;
  const listeners = new Set<(snapshot: HostSnapshot) => void>();
  let refreshing = false;
  let lastKey = '';
  let daemon: DaemonHandle | null = null;

  const snapshot = () =>
    readHostSnapshot(engine.paths, { role: daemon?.role ?? 'follower', refreshing }, now());
  const publish = async (force = false) => {
    const snap = await snapshot();
    const key = JSON.stringify([
      snap.state.cache?.ts,
      snap.state.broker,
      snap.state.refreshing,
      snap.state.registry_error,
    ]);
    if (!force && key === lastKey) return;
    lastKey = key;
    for (const listener of listeners) listener(snap);
  };
  const publishSafely = (force = false) =>
    void publish(force).catch((e) => engine.logger.warn(`state not published: ${redactUnknown(e)}`));

  daemon = deps.startDaemon(engine, now, {
    surface: 'app',
    onCycle: () => publishSafely(true),
    onRoleChange: (role) => {
      engine.logger.info(
        role === 'broker' ? 'app polls as the broker' : 'another broker holds the lock; following it',
      );
      publishSafely(true);
    },
  });
  const poll = setInterval(() => publishSafely(), STATE_POLL_MS);
  poll.unref?.();

  async function runRefresh(slot?: string): Promise<void> {
    refreshing = true;
    publishSafely(true);
    try {
      if (daemon?.role === 'broker') {
        await daemon.requestCycle({ force: true, slot });
      } else {
        // Following: ask the broker that holds the lock for a cycle and wait for its cache.
        await refreshOnce(engine, now, {
          force: true,
          slot,
          surface: 'app',
          waitMs: FOLLOWER_REFRESH_WAIT_MS,
        });
      }
    } finally {
      refreshing = false;
      publishSafely(true);
    }
  }

  return {
    snapshot,
    get role() {
      return daemon?.role ?? 'follower';
    },
    async getState() {
      return { ok: true, value: (await snapshot()).state };
    },
    async refreshNow(slot) {
      try {
        await runRefresh(slot);
        return { ok: true, value: (await snapshot()).state };
      } catch (e) {
        return failure('refresh_failed', e);
      }
    },
    async setEnabled(slot, enabled) {
      try {
        await editRegistry(engine.paths.registry, (doc) => setEnabled(doc, slot, enabled));
      } catch (e) {
        return failure('registry', e);
      }
      engine.logger.info(`slot ${enabled ? 'enabled' : 'disabled'} from the app`, { slot });
      // The cycle updates the cache in the background; the popover gets it as a state push.
      void runRefresh(slot).catch((e) =>
        engine.logger.warn(`refresh after enable failed: ${redactUnknown(e)}`),
      );
      return { ok: true, value: (await snapshot()).state };
    },
    async getHistory(slot) {
      try {
        return { ok: true, value: await readHistory(engine.paths.history, slot, now() - HISTORY_SPAN_MS) };
      } catch (e) {
        return failure('history', e);
      }
    },
    refreshSlot: (slot) => runRefresh(slot),
    findSlot: (slot) => findReloginTarget(engine, slot),
    async claimBroker() {
      await daemon?.requestCycle({ force: true });
      publishSafely(true);
    },
    onSnapshot(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      clearInterval(poll);
      await daemon?.stop();
    },
  };
}
