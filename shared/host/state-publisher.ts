/**
 * Pushes host snapshots to listeners (the popover over IPC, the dashboard's SSE streams, the tray)
 * without repeating itself: a poll that finds nothing new pushes nothing; a cycle's end always pushes.
 * Requests that arrive together are one push: a refresh-now's cycle end and the end of its "refreshing"
 * flag come within the same turn of the event loop and make one read and one push, not two. A request
 * made while a read is running is served by one more read after it (that read may predate the change).
 */

import { redactUnknown } from '../domain/redact';
import type { Logger } from '../ports/logger';
import { getSnapshotKey, type HostSnapshot } from './host-state';

export interface StatePublisher {
  /**
   * Reads a snapshot and pushes it when it differs from the last push (or when `force`, or when a request
   * coalesced with this one forces). Never rejects. Resolves with whether it pushed.
   */
  publish(force?: boolean): Promise<boolean>;
  subscribe(listener: (snapshot: HostSnapshot) => void): () => void;
}

interface Batch {
  force: boolean;
  waiters: Array<(pushed: boolean) => void>;
}

/** Creates the publisher around `read`, which builds the current snapshot. */
export function createStatePublisher(read: () => Promise<HostSnapshot>, logger: Logger): StatePublisher {
  const listeners = new Set<(snapshot: HostSnapshot) => void>();
  let lastKey = '';
  let pending: Batch | null = null;
  let running = false;

  async function pushOnce(force: boolean): Promise<boolean> {
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
  }

  async function drain(): Promise<void> {
    running = true;
    // Requests made in this turn of the event loop join the first one.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (pending) {
      const batch: Batch = pending;
      pending = null;
      const pushed = await pushOnce(batch.force);
      for (const resolve of batch.waiters) resolve(pushed);
    }
    running = false;
  }

  return {
    publish(force = false) {
      return new Promise<boolean>((resolve) => {
        if (pending) {
          pending.force ||= force;
          pending.waiters.push(resolve);
        } else pending = { force, waiters: [resolve] };
        if (!running) void drain();
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
