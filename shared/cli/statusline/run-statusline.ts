/**
 * The statusline's work for one invocation: read the cache (never the network), attribute the session to
 * a slot, record a stdin `rate_limits` observation, maybe start one detached refresh, and render the line.
 * The YAML registry is read only when the cache does not name its slots' config dirs (an old writer's
 * cache). Every failure degrades to a still-useful line.
 */
import { readCacheSync } from '../../adapters/cache-read';
import { guardStateWrites } from '../../adapters/fs/guard-state-writes';
import { nodeFileSystem } from '../../adapters/fs/node-file-system';
import { getStateTrustProblems } from '../../adapters/fs/state-trust';
import { getObservationKey, readObservation, writeObservation } from '../../adapters/observations';
import type { BrokerPaths } from '../../adapters/paths';
import { getStatuslineSlot } from '../../domain/statusline/attribute-slot';
import { DEFAULT_SEGMENT_FORMAT, formatStatusline } from '../../domain/statusline/format';
import { getRateLimitWindows, mergeObservation, type Observation } from '../../domain/statusline/observation';
import { getLineColors } from '../../domain/statusline/paint';
import {
  needsRegistryDirs,
  type RegistrySlotDir,
  withRegistryDirs,
} from '../../domain/statusline/registry-dirs';
import { shouldStartRefresh } from '../../domain/statusline/staleness';
import { readStatuslineStdin } from '../../domain/statusline/stdin';
import { getCacheSlot, getStatuslineView } from '../../domain/statusline/view';
import type { CacheFile } from '../../domain/types';
import type { FileSystem } from '../../ports/file-system';
import {
  claimRefreshMarker,
  isBrokerLockLive,
  type RefreshCommand,
  startDetachedRefresh,
} from './refresh-trigger';

export interface StatuslineOptions {
  /** Whatever arrived on stdin (possibly empty, partial or not JSON). */
  stdinText: string;
  env: NodeJS.ProcessEnv;
  paths: BrokerPaths;
  now: number;
  /** IANA zone for weekdays; undefined = local time of the process. */
  timeZone?: string;
  /** `--segment`: the segment form for ccstatusline / claude-powerline (its own default format). */
  segment?: boolean;
  /** `--format`: wins over the registry's `statusline_format` (and the segment default). */
  format?: string;
  /** What a detached refresh runs; null never starts one. */
  refreshCommand: RefreshCommand | null;
  /** Tests replace the spawn; default startDetachedRefresh. */
  startRefresh?: typeof startDetachedRefresh;
  /** How the observation is written (the state dir's file system); default node:fs. */
  fs?: FileSystem;
  /**
   * Reads the registry's slots, asked only when the cache does not name config dirs; undefined never
   * reads it. entry.ts loads it from its own bundle (registry-slots.ts) at that moment.
   */
  readRegistry?: (file: string) => RegistrySlotDir[] | null;
}

export type RefreshOutcome =
  | 'not-needed'
  | 'broker-running'
  | 'already-started'
  | 'started'
  | 'failed'
  | 'disabled'
  /** The state dir or registry is someone else's or writable by others: nothing is written there. */
  | 'untrusted';
export type ObservationOutcome = 'none' | 'recorded' | 'unchanged' | 'failed';

export interface StatuslineResult {
  line: string;
  slotId: string | null;
  refresh: RefreshOutcome;
  observation: ObservationOutcome;
}

/** Runs one statusline invocation and returns the line plus what it did (for tests and debugging). */
export async function runStatusline(options: StatuslineOptions): Promise<StatuslineResult> {
  const { paths, now, env } = options;
  const stdin = readStatuslineStdin(parseJson(options.stdinText));
  const load = readCacheSync(paths.cache);
  const cache = load.state === 'ok' ? load.cache : null;
  let slots: Parameters<typeof getStatuslineSlot>[0]['slots'] = cache?.slots ?? null;
  if (slots && options.readRegistry && needsRegistryDirs(slots)) {
    const registry = options.readRegistry(paths.registry);
    if (registry) slots = withRegistryDirs(slots, registry);
  }
  const attribution = getStatuslineSlot({
    envConfigDir: env.CLAUDE_CONFIG_DIR,
    transcriptPath: stdin.transcript_path ?? undefined,
    slots,
    recommended: typeof cache?.recommended === 'string' ? cache.recommended : null,
    home: paths.home,
  });
  // A guessed slot never receives this session's numbers: they are kept under the session's dir.
  const key = attribution.certain
    ? getObservationKey(attribution.slotId, attribution.configDir)
    : getObservationKey(null, attribution.configDir);
  let observation: Observation | null = key ? readObservation(paths, key) : null;
  let observationOutcome: ObservationOutcome = 'none';
  const windows = getRateLimitWindows(stdin.rate_limits, now);
  if (windows && key) {
    const merged = mergeObservation(
      observation,
      {
        slot: attribution.certain ? attribution.slotId : null,
        config_dir: attribution.configDir,
        session_id: stdin.session_id,
        windows,
      },
      now,
    );
    observation = merged.observation;
    observationOutcome = merged.changed ? 'recorded' : 'unchanged';
    if (merged.changed) {
      try {
        writeObservation(
          paths,
          key,
          merged.observation,
          options.fs ?? guardStateWrites(nodeFileSystem, paths),
        );
      } catch {
        // A read-only state dir must not cost the line: the numbers are shown all the same.
        observationOutcome = 'failed';
      }
    }
  }
  const view = getStatuslineView({
    cache,
    attribution,
    observation: attribution.certain ? observation : null,
    now,
  });
  const line = formatStatusline(view, {
    now,
    timeZone: options.timeZone,
    format: options.format || (options.segment ? DEFAULT_SEGMENT_FORMAT : getCacheFormat(cache)),
    colors: getLineColors(cache, env),
  });
  const slot = getCacheSlot(cache, attribution.slotId);
  let refresh: RefreshOutcome = 'not-needed';
  if (
    shouldStartRefresh({
      cache,
      slotId: attribution.slotId,
      slot,
      observationFresh: view.observationFresh,
      now,
    })
  ) {
    refresh = await triggerRefresh(options);
  }
  return { line, slotId: attribution.slotId, refresh, observation: observationOutcome };
}

async function triggerRefresh(options: StatuslineOptions): Promise<RefreshOutcome> {
  const { paths, now } = options;
  if (!options.refreshCommand) return 'disabled';
  if (isBrokerLockLive(paths, now)) return 'broker-running';
  // The marker and the log line go into the state dir: not into one someone else controls.
  if (getStateTrustProblems(paths).length > 0) return 'untrusted';
  if (!claimRefreshMarker(paths, now)) return 'already-started';
  const start = options.startRefresh ?? startDetachedRefresh;
  return (await start(paths, options.refreshCommand, options.env, now)) ? 'started' : 'failed';
}

function getCacheFormat(cache: CacheFile | null): string | undefined {
  return typeof cache?.statusline_format === 'string' ? cache.statusline_format : undefined;
}

/** The parsed text, or null when it is not JSON (bad stdin still gets a line). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
