/**
 * The engine's own memory between runs (`engine-state.json` in the state dir): schedule, back-off,
 * request history, credential fingerprints. Separate `refresh` runs (cron) read it, so they honour the
 * same budget and back-off as a daemon. No secrets: fingerprints are short hashes.
 */
import type * as v from 'valibot';
import {
  type EngineStateSchema,
  parseEngineState,
  type SlotEngineStateSchema,
} from '../domain/schemas/engine-state';
import type { FileSystem } from '../ports/file-system';
import { readTextIfExists, writeFileAtomic } from './fs/atomic-write';

/** One slot's memory (domain/schemas/engine-state.ts documents each field). */
export type SlotEngineState = v.InferOutput<typeof SlotEngineStateSchema>;

/** The whole file: per-slot memory and the last good registry. */
export type EngineState = v.InferOutput<typeof EngineStateSchema>;

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

/**
 * Reads the engine state through its schema: a missing or garbage file starts fresh (it holds nothing a
 * person wrote), and a malformed field takes its starting value.
 */
export async function readEngineState(file: string): Promise<EngineState> {
  try {
    const text = await readTextIfExists(file);
    if (!text) return emptyEngineState();
    return parseEngineState(JSON.parse(text)) ?? emptyEngineState();
  } catch {
    return emptyEngineState();
  }
}

/** Writes the engine state atomically (temp + fsync + rename, 0600) through `fs`. */
export async function writeEngineState(file: string, state: EngineState, fs: FileSystem): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state)}\n`, { mode: 0o600, fs });
}
