/** Builds the contract's QuotaState from what is on disk and what this host knows. */
import { getBrokerHolder } from '../../shared/adapters/broker-lock';
import { readCache } from '../../shared/adapters/cache-store';
import type { BrokerPaths } from '../../shared/adapters/paths';
import { loadRegistry } from '../../shared/adapters/registry/registry-store';
import type { BrokerSettings } from '../../shared/domain/types';
import type { QuotaState } from '../../shared/ipc/contract';

export interface HostSnapshot {
  state: QuotaState;
  /** The registry's settings (defaults when it is absent or broken), for the tray's own settings. */
  settings: Partial<BrokerSettings>;
}

/** Reads cache, registry and broker lock into a QuotaState. Never throws: problems become fields. */
export async function readHostSnapshot(
  paths: BrokerPaths,
  host: { role: 'broker' | 'follower'; refreshing: boolean },
  now: number,
): Promise<HostSnapshot> {
  const [cacheLoad, registry, holder] = await Promise.all([
    readCache(paths.cache),
    loadRegistry(paths.registry).catch((e: Error) => ({ state: 'error' as const, error: e })),
    host.role === 'follower' ? getBrokerHolder(paths, now) : Promise.resolve(null),
  ]);
  const pid = host.role === 'broker' ? process.pid : holder?.alive ? (holder.info?.pid ?? null) : null;
  return {
    state: {
      cache: cacheLoad.state === 'ok' ? cacheLoad.cache : null,
      refreshing: host.refreshing,
      broker: { role: host.role === 'follower' && pid === null ? 'none' : host.role, pid },
      registry_error: registry.state === 'error' ? registry.error.message : null,
      now,
    },
    settings: registry.state === 'ok' ? registry.registry.settings : {},
  };
}
