/**
 * Statusline observations on disk: `<stateDir>/observations/<key>.json`, one small file per slot,
 * written atomically (temp + rename, 0600, dirs 0700). Synchronous and import-light: the statusline's
 * hot path uses it, and the engine reads it each cycle.
 *
 * The key is the slot id. A session whose config dir is not a configured slot is keyed
 * `_dir-<name>-<hash>` (see getObservationKey); such files carry `slot: null` and `config_dir`, so the
 * engine can attach them to a slot added later. Slot ids are `[a-z0-9-]+`, so the two never collide.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SLOT_ID_PATTERN } from '../domain/slot-id';
import { type Observation, parseObservation } from '../domain/statusline/observation';
import type { FileSystem } from '../ports/file-system';
import { writeFileAtomicSync } from './fs/atomic-write';
import type { BrokerPaths } from './paths';

export type { Observation } from '../domain/statusline/observation';

const DIR_KEY = /^_dir-[a-z0-9-]*-[0-9a-f]{8}$/;

/**
 * The file key for an observation: the slot id when known, else `_dir-` + a readable tail of the config
 * dir + an FNV-1a hash of the whole dir. Null when neither is known (nothing to record it under).
 */
export function getObservationKey(slotId: string | null, configDir: string | null): string | null {
  if (slotId != null) return SLOT_ID_PATTERN.test(slotId) ? slotId : null;
  if (!configDir) return null;
  const name = (configDir.replace(/\/+$/, '').split('/').pop() ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `_dir-${name}-${fnv1a32(configDir.normalize('NFC'))}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: stable and dependency-free (node:crypto costs start-up time). */
function fnv1a32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The observation stored under `key` (a slot id or `_dir-…` key); null when absent or malformed. */
export function readObservation(
  paths: Pick<BrokerPaths, 'observationsDir'>,
  key: string,
): Observation | null {
  if (!SLOT_ID_PATTERN.test(key) && !DIR_KEY.test(key)) return null;
  const file = join(paths.observationsDir, `${key}.json`);
  try {
    // Usually there is none: a stat that returns undefined is cheaper than a thrown ENOENT (hot path).
    if (!statSync(file, { throwIfNoEntry: false })) return null;
    return parseObservation(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Every stored observation, keyed by file key (slot id, or `_dir-…` for a session whose config dir
 * matched no slot: match those by `config_dir`). Malformed files and temp files are skipped.
 */
export function readObservations(paths: Pick<BrokerPaths, 'observationsDir'>): Record<string, Observation> {
  let names: string[];
  try {
    names = readdirSync(paths.observationsDir);
  } catch {
    return {};
  }
  const out: Record<string, Observation> = {};
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const key = name.slice(0, -'.json'.length);
    const o = readObservation(paths, key);
    if (o) out[key] = o;
  }
  return out;
}

/**
 * Writes an observation atomically under `key` through `fs` (synchronous and without fsync: the
 * statusline's hot path; a lost observation only costs one endpoint call). Throws the node error when
 * the disk refuses.
 */
export function writeObservation(
  paths: Pick<BrokerPaths, 'observationsDir'>,
  key: string,
  observation: Observation,
  fs: FileSystem,
): void {
  if (!SLOT_ID_PATTERN.test(key) && !DIR_KEY.test(key)) throw new Error(`Not an observation key: "${key}".`);
  const file = join(paths.observationsDir, `${key}.json`);
  writeFileAtomicSync(file, `${JSON.stringify(observation)}\n`, { mode: 0o600, fs, durable: false });
}
