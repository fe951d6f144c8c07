/**
 * How the host notices what other processes change — another broker's cycles, its lock coming or going,
 * a person editing the registry — without polling: a look (re-read and push what is new) when a watched
 * file changes (state-watcher.ts), and one when a followed broker's lock would go stale, since a broker
 * killed without a word changes no file. See docs/ui-contract.md, "How the host pushes".
 */
import { stat } from 'node:fs/promises';
import { getBrokerLockPath } from '../adapters/broker-lock';
import type { BrokerPaths } from '../adapters/paths';
import type { Logger } from '../ports/logger';
import type { HostSnapshot } from './host-state';
import { createStateWatcher, getWatchTargets } from './state-watcher';

/** The host looks this long after a followed broker's lock would have gone stale. */
export const HOLDER_EXPIRY_MARGIN_MS = 500;

export interface OutsideChangeOptions {
  paths: BrokerPaths;
  now: () => number;
  logger: Logger;
  debounceMs?: number;
  /** Re-reads the disk and pushes what is new; resolves with whether it pushed. */
  look: () => Promise<boolean>;
  /** Told after each look whether it pushed (QuotaHostDeps.onChecked). */
  onChecked?: (pushed: boolean) => void;
}

export interface OutsideChanges {
  /** Call before each read: watches directories that appeared (the first cycle) or were replaced. */
  beforeRead(): void;
  /** Call with each snapshot read: schedules the look at the followed broker's lock expiry. */
  afterRead(snapshot: HostSnapshot): void;
  stop(): void;
}

/** Starts watching; `stop()` ends every watch and timer. */
export function watchOutsideChanges(options: OutsideChangeOptions): OutsideChanges {
  const { now } = options;
  let stopped = false;
  // The lock's mtime is its holder's heartbeat (every 10 s): only the lock coming or going is news.
  const lockPath = getBrokerLockPath(options.paths);
  const lockExists = () =>
    stat(lockPath).then(
      () => true,
      () => false,
    );
  let lockSeen: boolean | null = null;

  async function look(): Promise<void> {
    if (stopped) return;
    lockSeen = await lockExists();
    const pushed = await options.look();
    if (!stopped) options.onChecked?.(pushed);
  }

  const watcher = createStateWatcher({
    targets: getWatchTargets(options.paths),
    debounceMs: options.debounceMs,
    logger: options.logger,
    onChange: async (changed) => {
      if (changed.size === 1 && changed.has(lockPath) && (await lockExists()) === lockSeen) return;
      await look();
    },
  });
  watcher.arm();

  let expiryTimer: ReturnType<typeof setTimeout> | null = null;
  const lookAt = (at: number | null) => {
    if (expiryTimer) clearTimeout(expiryTimer);
    expiryTimer = null;
    if (at === null || stopped) return;
    expiryTimer = setTimeout(() => void look(), Math.max(0, at - now()) + HOLDER_EXPIRY_MARGIN_MS);
    expiryTimer.unref?.();
  };

  return {
    beforeRead: () => watcher.arm(),
    afterRead: (snapshot) => lookAt(snapshot.holderExpiresAt),
    stop() {
      stopped = true;
      watcher.close();
      lookAt(null);
    },
  };
}
