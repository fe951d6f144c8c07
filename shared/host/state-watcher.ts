/**
 * Notices what other processes change in the files a UI shows — another broker's cache write, its
 * broker.json, its lock appearing or going, a person editing the registry — by watching their
 * directories (`fs.watch`), so the host re-reads the disk only when something there changed
 * (docs/ui-contract.md, "How the host pushes"). Events for other files (the log, engine state, temp
 * files) are ignored; a burst of events becomes one call after `debounceMs`.
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { getBrokerLockPath } from '../adapters/broker-lock';
import type { BrokerPaths } from '../adapters/paths';
import { redactUnknown } from '../domain/redact';
import type { Logger } from '../ports/logger';

/** How long a burst of file events is gathered before the host looks (an atomic write is several). */
export const WATCH_DEBOUNCE_MS = 200;

/** One watched directory and the entries in it that matter. */
export interface WatchTarget {
  dir: string;
  names: ReadonlySet<string>;
}

/**
 * The directories to watch: the state dir (cache, broker.json, the broker lock) and the registry's
 * directory, which `QUOTA_BROKER_SESSIONS` may put elsewhere.
 */
export function getWatchTargets(paths: BrokerPaths): WatchTarget[] {
  const byDir = new Map<string, Set<string>>();
  const add = (file: string) => {
    const names = byDir.get(dirname(file)) ?? new Set<string>();
    byDir.set(dirname(file), names.add(basename(file)));
  };
  for (const file of [paths.cache, paths.brokerInfo, getBrokerLockPath(paths), paths.registry]) add(file);
  return [...byDir].map(([dir, names]) => ({ dir, names }));
}

/** True when an event for `filename` in `target` is one to look at (no name given: maybe, so yes). */
function isWatchedChange(target: WatchTarget, filename: string | null): boolean {
  return filename === null || target.names.has(filename);
}

export interface StateWatcher {
  /**
   * Watches every target directory that exists now and is not watched yet (or was replaced since, e.g.
   * deleted and made again). Cheap; the host calls it on every read, so a directory created later —
   * the state dir before the first cycle — is picked up.
   */
  arm(): void;
  close(): void;
}

export interface StateWatcherOptions {
  targets: WatchTarget[];
  debounceMs?: number;
  /** Called once per burst with the changed entries' paths (null: a platform that did not say). */
  onChange: (changed: ReadonlySet<string | null>) => void;
  logger: Logger;
}

/**
 * Which directory is at `dir` now: a deleted and re-made one often gets the same inode number back, but
 * not the same birth time (where the file system keeps one).
 */
function identify(dir: string): string | undefined {
  const st = statSync(dir, { throwIfNoEntry: false });
  return st && `${st.ino}:${st.birthtimeMs}`;
}

/** Creates the watcher; call `arm()` to start it. */
export function createStateWatcher(options: StateWatcherOptions): StateWatcher {
  const armed = new Map<string, { watcher: FSWatcher; id: string }>();
  /** Directories `watch` refused: said once in the log, tried again only once replaced. */
  const refused = new Map<string, string>();
  let pending = new Set<string | null>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const flush = () => {
    timer = null;
    const changed = pending;
    pending = new Set();
    if (!closed) options.onChange(changed);
  };

  const disarm = (dir: string) => {
    armed.get(dir)?.watcher.close();
    armed.delete(dir);
  };

  function armOne(target: WatchTarget): void {
    const id = identify(target.dir);
    const current = armed.get(target.dir);
    if (current && current.id === id) return;
    if (current) disarm(target.dir);
    if (id === undefined || refused.get(target.dir) === id) return; // not there (yet), or refused
    try {
      const watcher = watch(target.dir, { persistent: false }, (_event, filename) => {
        const name = typeof filename === 'string' ? filename : null;
        if (!isWatchedChange(target, name)) return;
        pending.add(name === null ? null : join(target.dir, name));
        timer ??= setTimeout(flush, options.debounceMs ?? WATCH_DEBOUNCE_MS);
        timer.unref?.();
      });
      watcher.on('error', (e) => {
        options.logger.warn(`stopped watching ${target.dir}: ${redactUnknown(e)}`);
        disarm(target.dir);
      });
      armed.set(target.dir, { watcher, id });
    } catch (e) {
      refused.set(target.dir, id);
      options.logger.warn(
        `cannot watch ${target.dir}; changes by other processes show at the next look: ${redactUnknown(e)}`,
      );
    }
  }

  return {
    arm() {
      if (!closed) for (const target of options.targets) armOne(target);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const dir of [...armed.keys()]) disarm(dir);
    },
  };
}
