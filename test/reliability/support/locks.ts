/**
 * Lock directories a killed process leaves behind. proper-lockfile judges staleness by the lock dir's
 * mtime (Claude Code's refresh locks: 60 s, storage-write lock: 15 s, the broker lock: 30 s), so moving
 * the mtime back is exactly "that much time has passed since the holder died".
 */
import { existsSync, readdirSync, utimesSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Every Claude Code lock dir of a config dir, and the broker lock of a state dir, that exists. */
export function findLockDirs(configDirs: string[], stateDir?: string): string[] {
  const candidates = configDirs.flatMap((d) => [
    join(d, '.oauth_refresh.lock'),
    join(d, '.storage-write.lock'),
    `${d}.lock`,
  ]);
  if (stateDir) candidates.push(join(stateDir, 'broker.lock'));
  return candidates.filter((p) => existsSync(p));
}

/** Moves the mtime of each lock dir `ms` into the past. */
export function ageLockDirs(dirs: string[], ms: number): void {
  const t = (Date.now() - ms) / 1000;
  for (const d of dirs) {
    try {
      utimesSync(d, t, t);
    } catch {
      // released meanwhile
    }
  }
}

/** Names of leftover temp files (`.<name>.<pid>.<hex>.tmp`) in a directory. */
export function tempFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^\..+\.\d+\.[0-9a-f]+\.tmp$/.test(f));
}

/** `<parent>/<name>.lock` for a config dir, as Claude Code's legacy lock names it. */
export function legacyLockOf(configDir: string): string {
  return join(dirname(configDir), `${basename(configDir)}.lock`);
}
