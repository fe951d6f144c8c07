/** The persisted alert state: an empty one, and the reader of what was read from disk. */
import { parseAlertStateValue } from '../schemas/alert-state';
import type { AlertState } from './types';
import { ALERT_STATE_VERSION } from './types';

/** A state with no open episodes: the start, and the fresh start after a garbage file. */
export function createEmptyAlertState(now = 0): AlertState {
  return { version: ALERT_STATE_VERSION, episodes: {}, marks: {}, updated_at: now };
}

/**
 * Validates a parsed `alert-state.json` through its schema. Returns null when the value is not an alert
 * state at all (the caller quarantines the file); a single malformed episode or mark is dropped.
 */
export function parseAlertState(value: unknown): AlertState | null {
  return parseAlertStateValue(value);
}
