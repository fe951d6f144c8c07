/**
 * Pushes host snapshots to listeners (the popover over IPC, the dashboard's SSE streams, the tray)
 * without repeating itself: a poll that finds nothing new pushes nothing; a cycle's end always pushes.
 */

import { redactUnknown } from '../domain/redact';
import type { Logger } from '../ports/logger';
import { getSnapshotKey, type HostSnapshot } from './host-state';

export interface StatePublisher {
  /**
   * Reads a snapshot and pushes it when it differs from the last push (or when `force`). Never rejects.
   * Resolves with whether it pushed.
   */
  publish(force?: boolean): Promise<boolean>;
  subscribe(listener: (snapshot: HostSnapshot) => void): () => void;
}

/** Creates the publisher around `read`, which builds the current snapshot. */
export function createStatePublisher(read: () => Promise<HostSnapshot>, logger: Logger): StatePublisher {
  const listeners = new Set<(snapshot: HostSnapshot) => void>();
  let lastKey = '';
  return {
    async publish(force = false) {
      try {
        if (listeners.size === 0) return false;
        const snapshot = await read();
        const key = getSnapshotKey(snapshot);
        if (!force && key === lastKey) return false;
        lastKey = key;
        for (const listener of listeners) {
          try {
            listener(snapshot);
          } catch (e) {
            logger.warn(`a state listener failed: ${redactUnknown(e)}`);
          }
        }
        return true;
      } catch (e) {
        logger.warn(`state not published: ${redactUnknown(e)}`);
        return false;
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
