/**
 * One refresh cycle: resolve slots, process each (in parallel, bounded, isolated), then persist — registry
 * statuses, engine state, the cache, history — and deliver alerts. The caller holds the broker lock.
 */
import { readAccountIdentity } from '../adapters/account-identity';
import { readCache, writeCache } from '../adapters/cache-store';
import { getSlotTarget } from '../adapters/credentials/slot-target';
import { emptySlotState, readEngineState, writeEngineState } from '../adapters/engine-state-store';
import { appendHistory } from '../adapters/history-store';
import { readObservation } from '../adapters/observations';
import { editRegistry, setStatuses } from '../adapters/registry/registry-store';
import { getAlertSettings } from '../domain/alerts/settings';
import type { Alert } from '../domain/alerts/types';
import { mapWithConcurrency } from '../domain/concurrency';
import { getRecommendedSlot, isAllInactive } from '../domain/recommend';
import { redactUnknown } from '../domain/redact';
import { getSlotStateSettings } from '../domain/slot-state';
import { getStatuslineColorSettings } from '../domain/statusline/color-settings';
import {
  CACHE_VERSION,
  CACHE_WRITER_APP,
  type CacheFile,
  type CacheSlot,
  type SlotStatus,
} from '../domain/types';
import { attachPace } from './attach-pace';
import { deliverCycleAlerts } from './deliver-alerts';
import { type EngineDeps, MAX_CONCURRENT_SLOTS } from './deps';
import { type ObservationInput, processSlot } from './process-slot';
import { type ResolvedSlots, resolveSlots } from './resolve-slots';
import { resolveRefreshMode } from './token-refresh/refresh-token';

export interface CycleOptions {
  /** `refresh now`: ignore the schedule (never the back-off or budget). */
  force?: boolean;
  /** Only this slot gets calls; the others keep their entries. */
  slot?: string;
  /** Called with the written cache, before alerts (the alerts module hooks in here). */
  afterWrite?: (cache: CacheFile, previous: CacheFile | null) => Promise<void>;
}

export interface CycleResult {
  cache: CacheFile;
  registry: ResolvedSlots;
  /** Set when the cache could not be written (the last good cache stays on disk). */
  writeError: string | null;
  /** False when nothing changed and the cache on disk is recent enough to stand (an idle tick). */
  written: boolean;
  /** The alerts this cycle delivered (a foreground daemon prints them). */
  alerts: Alert[];
}

/** An idle tick rewrites an unchanged cache only once it is this fraction of the stale threshold old. */
export const IDLE_REWRITE_FRACTION = 0.5;

/** Runs one cycle. `now` is a clock, read when each thing happens. */
export async function runCycle(
  deps: EngineDeps,
  now: () => number,
  options: CycleOptions = {},
): Promise<CycleResult> {
  const { paths, logger } = deps;
  const engineState = await readEngineState(paths.engineState);
  const resolved = await resolveSlots(deps, engineState);
  const stateBefore = JSON.stringify(engineState);
  const { settings, slots } = resolved.registry;
  const prevLoad = await readCache(paths.cache);
  const previous = prevLoad.state === 'ok' ? prevLoad.cache : null;
  if (options.slot && !slots.some((s) => s.id === options.slot)) {
    throw new Error(`There is no slot "${options.slot}". Run: quota-broker slots list`);
  }
  const mode = resolveRefreshMode(settings.token_refresh, deps.claudeBin);
  const started = now();
  logger.debug('cycle start', { slots: slots.length, mode, force: Boolean(options.force) });

  const results = await mapWithConcurrency(slots, MAX_CONCURRENT_SLOTS, async (slot) => {
    const prev = previous?.slots?.[slot.id];
    const state = engineState.slots[slot.id] ?? emptySlotState();
    if (options.slot && options.slot !== slot.id && prev) return { entry: prev, state, status: slot.status };
    const target = getSlotTarget(slot, paths.defaultConfigDir, paths.home);
    try {
      const observation = readObservation(paths, slot.id) as ObservationInput | null;
      const knownEmail = slot.email ?? (await readAccountIdentity(target, paths.home)).email;
      const result = await processSlot(
        deps,
        { slot, target, prev, state, observation, settings, mode, force: Boolean(options.force), knownEmail },
        now,
      );
      result.entry.email = knownEmail ?? result.entry.email;
      return result;
    } catch (e) {
      // A bug or an unexpected I/O error in one slot must not cost the others their cycle.
      const message = `Unexpected error: ${redactUnknown(e)}`;
      logger.error(message, { slot: slot.id });
      const entry: CacheSlot = prev ?? ({ config_dir: slot.config_dir } as CacheSlot);
      return {
        entry: { ...entry, last_error: { kind: 'storage' as const, message, at: now() } },
        state,
        status: slot.status,
      };
    }
  });

  const cacheSlots: Record<string, CacheSlot> = {};
  const statusChanges: Record<string, SlotStatus> = {};
  slots.forEach((slot, i) => {
    const r = results[i];
    cacheSlots[slot.id] = r.entry;
    engineState.slots[slot.id] = r.state;
    if (r.status !== slot.status) statusChanges[slot.id] = r.status;
  });
  if (Object.keys(statusChanges).length > 0) await persistStatuses(deps, resolved, statusChanges);
  await attachPace(paths.history, cacheSlots, previous, now());
  const colors = getStatuslineColorSettings(settings);

  const cache: CacheFile = {
    version: CACHE_VERSION,
    ts: now(),
    writer: { pid: process.pid, app: CACHE_WRITER_APP, app_version: __APP_VERSION__ },
    all_inactive: isAllInactive(cacheSlots),
    recommended: getRecommendedSlot(
      cacheSlots,
      now(),
      getSlotStateSettings({ stale_threshold_s: settings.stale_threshold_s }),
    ),
    stale_threshold_s: settings.stale_threshold_s,
    login_expiry_warn_days: getAlertSettings(settings).settings.login_expiry_warn_days,
    ...(typeof settings.statusline_format === 'string'
      ? { statusline_format: settings.statusline_format }
      : {}),
    statusline_color: colors.settings.enabled,
    statusline_color_thresholds: colors.settings.thresholds,
    slots: cacheSlots,
  };
  if (
    !options.force &&
    previous &&
    isIdle(previous, cache, stateBefore, JSON.stringify(engineState), now())
  ) {
    // Nothing happened: no write, no history, no log line. The daemon ticks every minute; this keeps
    // its idle cost to a few file reads.
    return { cache: previous, registry: resolved, writeError: null, written: false, alerts: [] };
  }
  for (const e of colors.errors) logger.warn(e);
  let writeError: string | null = null;
  let alerts: Alert[] = [];
  try {
    await writeEngineState(paths.engineState, engineState, deps.fs);
    await writeCache(paths.cache, cache, deps.fs);
  } catch (e) {
    writeError = `Could not write the state dir ${paths.stateDir} (${redactUnknown(e)}); the last good cache was kept.`;
    logger.error(writeError);
  }
  if (!writeError) {
    await appendHistory(paths.history, cache, deps.fs).catch((e) =>
      logger.warn(`history not written: ${redactUnknown(e)}`),
    );
    alerts = await deliverCycleAlerts({
      paths,
      cache,
      brokerRunning: true,
      settings,
      settingsWarnings: resolved.warnings,
      now: now(),
      logger,
      notifier: deps.notifier,
      env: deps.env,
      fs: deps.fs,
    }).catch((e) => {
      logger.error(`alerts not delivered: ${redactUnknown(e)}`);
      return [];
    });
    if (options.afterWrite) await options.afterWrite(cache, previous);
  }
  logger.info('cycle end', {
    ms: now() - started,
    all_inactive: cache.all_inactive,
    recommended: cache.recommended,
  });
  return { cache, registry: resolved, writeError, written: !writeError, alerts };
}

/** True when the cycle changed nothing a reader could see and the cache on disk is still recent. */
function isIdle(
  previous: CacheFile,
  next: CacheFile,
  stateBefore: string,
  stateAfter: string,
  now: number,
): boolean {
  const threshold = getSlotStateSettings(next).staleThresholdMs * IDLE_REWRITE_FRACTION;
  // Everything a reader sees but the write stamp: a new field cannot be forgotten here.
  const seen = (c: CacheFile) => JSON.stringify({ ...c, ts: 0, writer: null });
  return (
    stateBefore === stateAfter &&
    previous.ts != null &&
    now - previous.ts < threshold &&
    seen(previous) === seen(next)
  );
}

async function persistStatuses(
  deps: EngineDeps,
  resolved: ResolvedSlots,
  changes: Record<string, SlotStatus>,
) {
  if (resolved.origin !== 'file') {
    deps.logger.warn('slot status not written to the registry (no parseable registry file)', { changes });
    return;
  }
  try {
    await editRegistry(deps.paths.registry, (doc) => setStatuses(doc, changes), deps.fs);
    deps.logger.info('registry statuses written', { changes });
  } catch (e) {
    deps.logger.error(`could not write slot statuses to the registry: ${redactUnknown(e)}`);
  }
}
