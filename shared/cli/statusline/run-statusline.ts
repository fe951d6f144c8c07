/**
 * The statusline's work for one invocation: read the cache (never the network, never the YAML
 * registry), attribute the session to a slot, record a stdin `rate_limits` observation, maybe start one
 * detached refresh, and render the line. Every failure degrades to a still-useful line.
 */
import { readFileSync } from 'node:fs';
import { guardStateWrites } from '../../adapters/fs/guard-state-writes';
import { nodeFileSystem } from '../../adapters/fs/node-file-system';
import { getStateTrustProblems } from '../../adapters/fs/state-trust';
import { getObservationKey, readObservation, writeObservation } from '../../adapters/observations';
import type { BrokerPaths } from '../../adapters/paths';
import { getStatuslineSlot } from '../../domain/statusline/attribute-slot';
import { formatStatusline } from '../../domain/statusline/format';
import { getObservedWindows, mergeObservation, type Observation } from '../../domain/statusline/observation';
import { shouldStartRefresh } from '../../domain/statusline/staleness';
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
  /** What a detached refresh runs; null never starts one. */
  refreshCommand: RefreshCommand | null;
  /** Tests replace the spawn; default startDetachedRefresh. */
  startRefresh?: typeof startDetachedRefresh;
  /** How the observation is written (the state dir's file system); default node:fs. */
  fs?: FileSystem;
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
  const stdin = parseJson(options.stdinText);
  const cache = readCacheSync(paths.cache);
  const attribution = getStatuslineSlot({
    envConfigDir: env.CLAUDE_CONFIG_DIR,
    transcriptPath: typeof stdin?.transcript_path === 'string' ? stdin.transcript_path : undefined,
    slots: cache?.slots ?? null,
    recommended: typeof cache?.recommended === 'string' ? cache.recommended : null,
    home: paths.home,
  });
  // A guessed slot never receives this session's numbers: they are kept under the session's dir.
  const key = attribution.certain
    ? getObservationKey(attribution.slotId, attribution.configDir)
    : getObservationKey(null, attribution.configDir);
  let observation: Observation | null = key ? readObservation(paths, key) : null;
  let observationOutcome: ObservationOutcome = 'none';
  const windows = getObservedWindows(stdin, now);
  if (windows && key) {
    const merged = mergeObservation(
      observation,
      {
        slot: attribution.certain ? attribution.slotId : null,
        config_dir: attribution.configDir,
        session_id: typeof stdin?.session_id === 'string' ? stdin.session_id : null,
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
    format: typeof cache?.statusline_format === 'string' ? cache.statusline_format : undefined,
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

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The cache, or null when it is missing, unreadable, not JSON or not shaped like a cache. */
function readCacheSync(file: string): CacheFile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const v = parseJson(text);
  if (!v?.slots || typeof v.slots !== 'object' || Array.isArray(v.slots)) return null;
  return v as unknown as CacheFile;
}
