/**
 * Gathers everything `quota-broker doctor` judges, in parallel and read-only: no lock is taken, nothing
 * is written, no `claude` process runs, and the network is touched only with `online`, whose check
 * (host/doctor-online.ts) takes the engine's path (docs/doctor.md).
 */
import { stat } from 'node:fs/promises';
import { planAdoption } from '../../domain/adopt';
import { getAlertSettings } from '../../domain/alerts/settings';
import type { DoctorFacts, GlobalFacts, RegistryFacts, SlotFacts } from '../../domain/doctor/types';
import {
  type CacheFile,
  DEFAULT_SETTINGS,
  DEFAULT_SLOT_ID,
  type Registry,
  type SlotConfig,
} from '../../domain/types';
import type { CredentialStore } from '../../ports/credential-store';
import { readOpenEpisodes } from '../alerts/alert-state-store';
import { getBrokerHolder } from '../broker-lock';
import { type CacheLoad, readCache } from '../cache-store';
import { readCredentials } from '../credentials/credentials';
import { getCredentialTarget } from '../credentials/keychain-naming';
import { findSetup, type SetupFound } from '../discovery/find-setup';
import { type EngineState, readEngineState } from '../engine-state-store';
import { getStateTrustProblems } from '../fs/state-trust';
import type { BrokerPaths } from '../paths';
import { loadRegistry, type RegistryLoad } from '../registry/registry-store';
import { gatherSlotFacts, type OnlineCheck } from './gather-slot';
import { readCronFacts } from './read-cron-facts';
import { readDeliveryFacts } from './read-delivery-facts';
import { readLogFacts } from './read-log-facts';
import { readServiceFacts } from './read-service-facts';

export interface GatherOptions {
  paths: BrokerPaths;
  store: CredentialStore;
  env: NodeJS.ProcessEnv;
  /** The `claude` executable found on PATH (found by a file check, never run). */
  claudeBin: string | null;
  now: number;
  /** `--online`: how each slot's login is checked (host/doctor-online.ts); null stays offline. */
  online: OnlineCheck | null;
  platform?: NodeJS.Platform;
}

type SlotSource = { slots: SlotConfig[]; registry: Registry | null; origin: GlobalFacts['slotsOrigin'] };

async function resolveDoctorSlots(
  o: GatherOptions,
  load: RegistryLoad,
  engine: EngineState,
  cache: CacheFile | null,
): Promise<SlotSource> {
  if (load.state === 'ok') return { slots: load.registry.slots, registry: load.registry, origin: 'file' };
  if (load.state === 'error') {
    const last = engine.last_good_registry;
    if (last) return { slots: last.slots, registry: last, origin: 'last_good' };
    // An entry that does not name its config dir (an old writer's cache) cannot be checked.
    const fromCache = Object.entries(cache?.slots ?? {}).flatMap(([id, s]) =>
      s.config_dir == null
        ? []
        : [
            {
              id,
              config_dir: s.config_dir,
              email: s.email ?? undefined,
              status: s.status ?? ('active' as const),
              enabled: s.enabled !== false,
              ...(s.default_account ? { default: true } : {}),
            },
          ],
    );
    return { slots: fromCache, registry: null, origin: fromCache.length > 0 ? 'cache' : 'none' };
  }
  // No registry: the broker discovers the default account; show it whenever anything is stored for it.
  const cred = await readCredentials(o.store, getCredentialTarget(null, o.paths.defaultConfigDir));
  if (cred.state === 'absent') return { slots: [], registry: null, origin: 'none' };
  const slot: SlotConfig = {
    id: DEFAULT_SLOT_ID,
    config_dir: o.paths.defaultConfigDir,
    status: 'active',
    enabled: true,
    default: true,
  };
  return { slots: [slot], registry: null, origin: 'discovered' };
}

function registryFacts(path: string, load: RegistryLoad): RegistryFacts {
  if (load.state === 'ok') return { state: 'ok', path, slots: load.registry.slots.length };
  if (load.state === 'absent') return { state: 'absent', path };
  return { state: 'error', path, message: load.error.message, line: load.error.line, col: load.error.col };
}

function cacheFacts(path: string, load: CacheLoad): GlobalFacts['cache'] {
  if (load.state === 'ok') {
    const { ts, all_inactive, writer } = load.cache;
    if (ts == null)
      return { state: 'error', path, message: `${path}: does not say when it was written (no ts)` };
    return {
      state: 'ok',
      path,
      ts,
      allInactive: all_inactive === true,
      writer: writer ? { app: writer.app, pid: writer.pid } : null,
    };
  }
  if (load.state === 'absent') return { state: 'absent', path };
  return { state: 'error', path, message: load.message };
}

async function stateDirFacts(path: string): Promise<GlobalFacts['stateDir']> {
  try {
    const s = await stat(path);
    return { path, exists: s.isDirectory(), mode: s.mode & 0o777 };
  } catch {
    return { path, exists: false, mode: null };
  }
}

/** What discovery would add to the slots the doctor checks (domain/adopt.ts decides). */
function getUnadopted(found: SetupFound, slots: SlotConfig[], home: string): GlobalFacts['unadopted'] {
  const fresh = planAdoption({ ...found, existing: slots, home }).filter((c) => !c.present);
  const registries = found.registries.flatMap((r) => {
    const count = fresh.filter((c) => c.from === r.path).length;
    return count > 0 ? [{ path: r.path, slots: count }] : [];
  });
  return { registries, configDirs: fresh.filter((c) => c.from === null).map((c) => c.config_dir) };
}

/** Gathers the doctor's facts. Never throws for a broken file: that is a finding. */
export async function gatherDoctorFacts(o: GatherOptions): Promise<DoctorFacts> {
  const { paths, now } = o;
  const [registryLoad, engine, cacheLoad, holder, stateDir, service, cron, log, openAlerts] =
    await Promise.all([
      loadRegistry(paths.registry),
      readEngineState(paths.engineState),
      readCache(paths.cache),
      getBrokerHolder(paths, now),
      stateDirFacts(paths.stateDir),
      readServiceFacts(o.platform ?? process.platform, paths.home, o.env),
      readCronFacts({ env: o.env }),
      readLogFacts(paths.log),
      readOpenEpisodes(paths.alertState),
    ]);
  const cache = cacheLoad.state === 'ok' ? cacheLoad.cache : null;
  const [source, found] = await Promise.all([
    resolveDoctorSlots(o, registryLoad, engine, cache),
    findSetup(paths, o.store, o.env),
  ]);
  const settings = source.registry?.settings ?? DEFAULT_SETTINGS;
  const [slots, delivery] = await Promise.all([
    Promise.all(
      source.slots.map(
        (slot): Promise<SlotFacts> =>
          gatherSlotFacts({
            slot,
            paths,
            store: o.store,
            cache: cache?.slots[slot.id] ?? null,
            state: engine.slots[slot.id] ?? null,
            settings,
            online: o.online,
          }),
      ),
    ),
    readDeliveryFacts({ platform: o.platform ?? process.platform, env: o.env, settings }),
  ]);
  const global: GlobalFacts = {
    stateDir,
    untrusted: getStateTrustProblems(paths),
    registry: registryFacts(paths.registry, registryLoad),
    slotsOrigin: source.origin,
    staleThresholdS: settings.stale_threshold_s,
    loginExpiryWarnDays: getAlertSettings(settings).settings.login_expiry_warn_days,
    refreshIntervalS: settings.refresh_interval_s,
    maxCallsPerHour: settings.max_calls_per_hour,
    tokenRefresh: settings.token_refresh,
    claudeBin: o.claudeBin,
    cache: cacheFacts(paths.cache, cacheLoad),
    broker: {
      alive: holder.alive,
      pid: holder.info?.pid ?? null,
      surface: holder.info?.surface ?? null,
      heartbeatAgeMs: holder.heartbeatAgeMs,
      lastCycleAt: holder.info?.last_cycle_at ?? null,
    },
    service,
    cron,
    log,
    openAlerts,
    unadopted: getUnadopted(found, source.slots, paths.home),
    delivery,
  };
  return { global, slots, online: o.online !== null };
}
