/** Builds the contract's QuotaState from what is on disk and what this host knows. */
import { getBrokerHolder } from '../adapters/broker-lock';
import { readCache } from '../adapters/cache-store';
import type { BrokerPaths } from '../adapters/paths';
import { loadRegistry } from '../adapters/registry/registry-store';
import { BROKER_LOCK_STALE_MS } from '../domain/timing';
import type { BrokerSettings } from '../domain/types';
import type { QuotaState } from '../ipc/contract';

const FROZEN = { frozen: true } as const;

export interface HostSnapshot {
  state: QuotaState;
  /** The registry's settings (empty when it is absent or broken), for the tray's own settings. */
  settings: Partial<BrokerSettings>;
  /**
   * While following a live broker: when its lock goes stale unless its heartbeat renews it (epoch ms).
   * A broker that dies without a word changes no file; the host looks again then.
   */
  holderExpiresAt: number | null;
}

/** What this host knows that is not on disk. */
export interface HostFacts {
  role: 'broker' | 'follower';
  refreshing: boolean;
  /** This process's pid, reported while it is the broker. */
  pid: number;
}

/**
 * Reads cache, registry and broker lock into a snapshot. Never throws: problems become fields
 * (`cache: null`, `registry_error`).
 */
export async function readHostSnapshot(
  paths: BrokerPaths,
  host: HostFacts,
  now: number,
): Promise<HostSnapshot> {
  const [cacheLoad, registry, holder] = await Promise.all([
    // Frozen, not copied: a snapshot is only read and serialised (`/api/state`, SSE, IPC, the tray).
    readCache(paths.cache, FROZEN).catch(() => ({ state: 'error' as const })),
    loadRegistry(paths.registry, FROZEN).catch((e: Error) => ({ state: 'error' as const, error: e })),
    host.role === 'follower' ? getBrokerHolder(paths, now).catch(() => null) : Promise.resolve(null),
  ]);
  const pid = host.role === 'broker' ? host.pid : holder?.alive ? (holder.info?.pid ?? null) : null;
  return {
    state: {
      cache: cacheLoad.state === 'ok' ? cacheLoad.cache : null,
      refreshing: host.refreshing,
      broker: { role: host.role === 'follower' && pid === null ? 'none' : host.role, pid },
      registry_error: registry.state === 'error' ? registry.error.message : null,
      now,
    },
    settings: registry.state === 'ok' ? registry.registry.settings : {},
    holderExpiresAt:
      holder?.alive && holder.heartbeatAgeMs !== null
        ? now + BROKER_LOCK_STALE_MS - holder.heartbeatAgeMs
        : null,
  };
}

/**
 * What makes a snapshot worth pushing: a new cache write, another broker, the refreshing flag, a registry
 * problem or changed settings (the tray's title mode). `now` alone is not news.
 */
export function getSnapshotKey(snapshot: HostSnapshot): string {
  const { state } = snapshot;
  return JSON.stringify([
    state.cache?.ts ?? null,
    state.broker,
    state.refreshing,
    state.registry_error,
    snapshot.settings,
  ]);
}

/** The slot ids a UI may act on: the registry's, or the cache's while the registry is absent or broken. */
export async function listSlotIds(paths: BrokerPaths): Promise<string[]> {
  const registry = await loadRegistry(paths.registry, FROZEN).catch(() => null);
  if (registry?.state === 'ok') return registry.registry.slots.map((s) => s.id);
  const cache = await readCache(paths.cache, FROZEN).catch(() => null);
  return cache?.state === 'ok' ? Object.keys(cache.cache.slots) : [];
}
