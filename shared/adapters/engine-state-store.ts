/**
 * The engine's own memory between runs (`engine-state.json` in the state dir): schedule, back-off,
 * request history, credential fingerprints. Separate `refresh` runs (cron) read it, so they honour the
 * same budget and back-off as a daemon. No secrets: fingerprints are short hashes.
 */
import type { BackoffState } from '../domain/schedule';
import type { Registry } from '../domain/types';
import type { FileSystem } from '../ports/file-system';
import { readTextIfExists, writeFileAtomic } from './fs/atomic-write';

export interface SlotEngineState {
  next_due_at: number | null;
  backoff: BackoffState | null;
  /** Consecutive transient failures (network, 5xx, timeouts) for the retry schedule. */
  failure_streak: number;
  /** Usage-call timestamps within the trailing hour. */
  requests: number[];
  /** Fingerprint of the credentials last seen; a change reactivates an inactive slot. */
  cred_fingerprint: string | null;
  /** Fingerprint seen when the slot went (or was found) inactive. */
  inactive_fingerprint: string | null;
  /** First time the current credentials were seen (a stand-in for the login's age). */
  login_seen_at: number | null;
  /** Email learned from the profile endpoint (when neither the registry nor .claude.json names one). */
  profile_email?: string | null;
  /** Last time the profile endpoint was asked, so it is asked at most once a day. */
  profile_checked_at?: number | null;
}

export interface EngineState {
  version: 1;
  slots: Record<string, SlotEngineState>;
  /** The last registry that parsed, used while the file is broken. */
  last_good_registry: Registry | null;
}

export function emptySlotState(): SlotEngineState {
  return {
    next_due_at: null,
    backoff: null,
    failure_streak: 0,
    requests: [],
    cred_fingerprint: null,
    inactive_fingerprint: null,
    login_seen_at: null,
  };
}

export function emptyEngineState(): EngineState {
  return { version: 1, slots: {}, last_good_registry: null };
}

/** Reads the engine state; a missing or garbage file starts fresh (it holds nothing a person wrote). */
export async function readEngineState(file: string): Promise<EngineState> {
  try {
    const text = await readTextIfExists(file);
    if (!text) return emptyEngineState();
    const parsed = JSON.parse(text) as EngineState;
    if (parsed?.version !== 1 || typeof parsed.slots !== 'object') return emptyEngineState();
    for (const id of Object.keys(parsed.slots))
      parsed.slots[id] = { ...emptySlotState(), ...parsed.slots[id] };
    return parsed;
  } catch {
    return emptyEngineState();
  }
}

/** Writes the engine state atomically (temp + fsync + rename, 0600) through `fs`. */
export async function writeEngineState(file: string, state: EngineState, fs: FileSystem): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state)}\n`, { mode: 0o600, fs });
}
