/**
 * Starting one detached `refresh` from the statusline when its data is stale and no broker runs.
 * Never waits for it: the child is detached, has no window, and appends its output to the broker log.
 */
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { BrokerPaths } from '../../adapters/paths';
import { EXTRA_CA_CERTS_CARRIER } from '../../domain/statusline/install-command';
import { BROKER_LOCK_STALE_MS } from '../../domain/timing';

/** Appending to broker.log never follows a symlink planted at its path (docs/contracts.md "Security"). */
export const LOG_APPEND_FLAGS =
  constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);
/** A refresh marker older than this is from a refresh that finished or died; it is replaced. */
export const REFRESH_MARKER_MAX_AGE_MS = 120_000;

/** The program a detached refresh runs with `process.execPath`. */
export interface RefreshCommand {
  /** Script path (the bundled CLI). */
  script: string;
  args: string[];
}

type Paths = Pick<BrokerPaths, 'stateDir' | 'brokerLock' | 'log'>;

/** The marker that keeps concurrent statuslines (several sessions) from starting two refreshes. */
export function getRefreshMarkerPath(paths: Pick<BrokerPaths, 'stateDir'>): string {
  return join(paths.stateDir, 'statusline-refresh.marker');
}

/**
 * True when a live broker holds the lock: the proper-lockfile directory `<brokerLock>.lock` exists and
 * was touched within BROKER_LOCK_STALE_MS. Stats the directory instead of loading proper-lockfile.
 */
export function isBrokerLockLive(paths: Pick<BrokerPaths, 'brokerLock'>, now: number): boolean {
  const st = statSync(`${paths.brokerLock}.lock`, { throwIfNoEntry: false });
  return st != null && now - st.mtimeMs < BROKER_LOCK_STALE_MS;
}

/**
 * Claims the right to start a refresh by creating the marker with `wx` (atomic: one winner). A marker
 * older than REFRESH_MARKER_MAX_AGE_MS is removed and the claim retried once. False when another
 * statusline started a refresh recently, or the state dir cannot be written.
 */
export function claimRefreshMarker(paths: Pick<BrokerPaths, 'stateDir'>, now: number): boolean {
  const marker = getRefreshMarkerPath(paths);
  try {
    mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  } catch {
    return false;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(marker, 'wx', 0o600);
      writeSync(fd, `${JSON.stringify({ pid: process.pid, at: now })}\n`);
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      const st = statSync(marker, { throwIfNoEntry: false });
      if (st && now - st.mtimeMs < REFRESH_MARKER_MAX_AGE_MS) return false;
      try {
        unlinkSync(marker);
      } catch {
        // Another statusline replaced it first; the retry's `wx` decides.
      }
    }
  }
  return false;
}

/** Variables that belong to the one Claude Code session the statusline runs in, not to a broker refresh. */
const SESSION_ONLY_ENV = [
  'CLAUDE_CONFIG_DIR',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'ANTHROPIC_API_KEY',
  'CLAUDE_SECURESTORAGE_CONFIG_DIR',
];

/**
 * The refresh's environment: the statusline's (HOME, PATH, QUOTA_BROKER_*, proxies) minus the session's
 * account selection and token overrides, so a refresh of every slot is not steered by one session. The
 * installed command started the statusline with `NODE_EXTRA_CA_CERTS` empty and the session's value in
 * EXTRA_CA_CERTS_CARRIER (install-command.ts): the refresh, which talks TLS, gets that value back.
 */
export function getRefreshEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const key of SESSION_ONLY_ENV) delete out[key];
  const carried = out[EXTRA_CA_CERTS_CARRIER];
  if (carried !== undefined) {
    delete out[EXTRA_CA_CERTS_CARRIER];
    if (carried) out.NODE_EXTRA_CA_CERTS = carried;
    else delete out.NODE_EXTRA_CA_CERTS;
  }
  return out;
}

/**
 * Spawns `node <script> <args>` detached, with no window, the environment passed through (see
 * getRefreshEnv) and stdout
 * and stderr appended to the broker log (never discarded: a silent refresh is how logins died unseen).
 * Returns false when the script is missing (logged) or the spawn fails.
 */
export async function startDetachedRefresh(
  paths: Paths,
  command: RefreshCommand,
  env: NodeJS.ProcessEnv,
  now: number,
): Promise<boolean> {
  let fd: number | undefined;
  try {
    mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
    fd = openSync(paths.log, LOG_APPEND_FLAGS, 0o600);
    const stamp = new Date(now).toISOString();
    if (!existsSync(command.script)) {
      writeSync(fd, `${stamp} statusline: cannot start a refresh, ${command.script} is missing\n`);
      return false;
    }
    writeSync(fd, `${stamp} statusline: data stale and no broker running, starting a detached refresh\n`);
    // Loaded only here: child_process is not needed on the usual path and costs start-up time.
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [command.script, ...command.args], {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: getRefreshEnv(env),
      windowsHide: true,
    });
    child.on('error', () => undefined);
    child.unref();
    return child.pid != null;
  } catch {
    return false;
  } finally {
    if (fd != null) closeSync(fd);
  }
}
