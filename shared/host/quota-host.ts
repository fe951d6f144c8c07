/**
 * The server side of `QuotaApi` for every host (the `serve` dashboard, the Electron main process): runs
 * the engine as the broker, or follows the broker that holds the lock by watching the cache, and turns
 * UI requests into engine actions. Errors are values (`ApiResult`).
 */
import { unwatchFile, watchFile } from 'node:fs';
import type { BrokerSurface } from '../adapters/broker-lock';
import { getBrokerHolder } from '../adapters/broker-lock';
import { readCache } from '../adapters/cache-store';
import { readHistory } from '../adapters/history-store';
import { editRegistry, loadRegistry, setEnabled } from '../adapters/registry/registry-store';
import { DEFAULT_SETTINGS, type Registry } from '../domain/types';
import { refreshOnce } from '../engine/broker';
import { type DaemonHandle, startDaemon } from '../engine/daemon';
import type { EngineDeps } from '../engine/deps';
import type { ApiResult, HistoryPoint, QuotaState, ReloginProgress } from '../ipc/contract';
import { createReloginManager, ReloginError } from './relogin-manager';

export const HISTORY_DAYS = 7;
/** How often a follower looks at the cache file for the broker's writes. */
export const FOLLOW_POLL_MS = 2_000;

export interface QuotaHost {
  getState(): Promise<ApiResult<QuotaState>>;
  refreshNow(slot?: string): Promise<ApiResult<QuotaState>>;
  relogin(slot: string): Promise<ApiResult<{ started: true }>>;
  cancelRelogin(slot: string): Promise<ApiResult<{ cancelled: boolean }>>;
  setEnabled(slot: string, enabled: boolean): Promise<ApiResult<QuotaState>>;
  getHistory(slot: string): Promise<ApiResult<HistoryPoint[]>>;
  logPath(): string;
  onState(listener: (s: QuotaState) => void): () => void;
  onRelogin(listener: (p: ReloginProgress) => void): () => void;
  readonly role: 'broker' | 'follower';
  stop(): Promise<void>;
}

const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
const err = <T>(code: string, message: string): ApiResult<T> => ({ ok: false, error: { code, message } });

export function startQuotaHost(deps: EngineDeps, now: () => number, surface: BrokerSurface): QuotaHost {
  const stateListeners = new Set<(s: QuotaState) => void>();
  const reloginListeners = new Set<(p: ReloginProgress) => void>();
  let refreshing = false;
  const publish = async () => {
    if (stateListeners.size === 0) return;
    const s = await buildState();
    for (const l of stateListeners) l(s);
  };
  const daemon: DaemonHandle = startDaemon(deps, now, {
    surface,
    onCycle: () => void publish(),
    onRoleChange: () => void publish(),
  });
  // Followers (and the broker itself) see every cache write; cheap stat polling, no inotify limits.
  const onCacheChange = () => void publish();
  watchFile(deps.paths.cache, { interval: FOLLOW_POLL_MS }, onCacheChange);

  const registry = async (): Promise<Registry> => {
    const load = await loadRegistry(deps.paths.registry);
    if (load.state === 'ok') return load.registry;
    const cache = await readCache(deps.paths.cache);
    const slots =
      cache.state === 'ok'
        ? Object.entries(cache.cache.slots).map(([id, s]) => ({
            id,
            config_dir: s.config_dir,
            email: s.email ?? undefined,
            status: s.status,
            enabled: s.enabled !== false,
          }))
        : [];
    return { slots, settings: { ...DEFAULT_SETTINGS } };
  };

  const cycle = async (slot?: string) => {
    refreshing = true;
    void publish();
    try {
      const result = await daemon.requestCycle({ force: true, slot });
      if (!result) await refreshOnce(deps, now, { force: true, slot, waitMs: 30_000 });
    } finally {
      refreshing = false;
      await publish();
    }
  };

  const relogins = createReloginManager(
    deps,
    registry,
    (p) => {
      for (const l of reloginListeners) l(p);
    },
    (slot) => cycle(slot),
  );

  async function buildState(): Promise<QuotaState> {
    const [cache, holder, reg] = await Promise.all([
      readCache(deps.paths.cache),
      getBrokerHolder(deps.paths, now()),
      loadRegistry(deps.paths.registry),
    ]);
    return {
      cache: cache.state === 'ok' ? cache.cache : null,
      refreshing,
      broker: {
        role: daemon.role === 'broker' ? 'broker' : holder.alive ? 'follower' : 'none',
        pid: holder.alive ? (holder.info?.pid ?? null) : null,
      },
      registry_error: reg.state === 'error' ? reg.error.message : null,
      now: now(),
    };
  }

  const knownSlot = async (slot: string) => (await registry()).slots.some((s) => s.id === slot);

  return {
    get role() {
      return daemon.role;
    },
    logPath: () => deps.paths.log,
    getState: async () => ok(await buildState()),
    async refreshNow(slot) {
      if (slot !== undefined && !(await knownSlot(slot)))
        return err('unknown_slot', `There is no slot "${slot}".`);
      await cycle(slot);
      return ok(await buildState());
    },
    async relogin(slot) {
      try {
        relogins.start(slot);
        return ok({ started: true as const });
      } catch (e) {
        if (e instanceof ReloginError) return err(e.code, e.message);
        throw e;
      }
    },
    cancelRelogin: async (slot) => ok({ cancelled: relogins.cancel(slot) }),
    async setEnabled(slot, enabled) {
      try {
        await editRegistry(deps.paths.registry, (doc) => setEnabled(doc, slot, enabled));
      } catch (e) {
        return err('registry', (e as Error).message);
      }
      await cycle();
      return ok(await buildState());
    },
    async getHistory(slot) {
      return ok(await readHistory(deps.paths.history, slot, now() - HISTORY_DAYS * 86_400_000));
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onRelogin(listener) {
      reloginListeners.add(listener);
      return () => reloginListeners.delete(listener);
    },
    async stop() {
      unwatchFile(deps.paths.cache, onCacheChange);
      await daemon.stop();
    },
  };
}
