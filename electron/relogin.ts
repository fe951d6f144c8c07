/**
 * Re-login from the app (product §9): one `claude auth login` per slot at a time, its progress mapped
 * to the contract's ReloginProgress and pushed to the renderer; on success the slot is refreshed so it
 * comes back at once.
 */
import type {
  LoginHandle,
  LoginOptions,
  LoginProgress,
  LoginResult,
} from '../shared/adapters/claude/auth-login';
import type { Logger } from '../shared/adapters/logger';
import type { ApiResult, ReloginProgress } from '../shared/ipc/contract';

export interface ReloginTarget {
  email: string | null;
  configDir: string | null;
}

export interface ReloginDeps {
  /** The `claude` executable, or null when none was found. */
  claudeBin: string | null;
  startLogin: (bin: string, options: LoginOptions) => LoginHandle;
  /** The slot's email and config dir, or null for an unknown slot. */
  findSlot: (slot: string) => Promise<ReloginTarget | null>;
  /** Runs a cycle for the slot after a successful login; resolves when its numbers are in. */
  refreshSlot: (slot: string) => Promise<void>;
  onProgress: (progress: ReloginProgress) => void;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

export interface ReloginManager {
  start(slot: string): Promise<ApiResult<{ started: true }>>;
  cancel(slot: string): ApiResult<{ cancelled: boolean }>;
  isRunning(slot: string): boolean;
  /** Cancels every running login (app quit). */
  cancelAll(): void;
}

const fail = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

/** The progress a finished login reports, before the verifying refresh. */
export function getExitProgress(slot: string, result: LoginResult): ReloginProgress {
  if (result.cancelled) return { slot, phase: 'cancelled', url: result.url, message: 'Re-login cancelled.' };
  if (result.timedOut) {
    return {
      slot,
      phase: 'failed',
      url: result.url,
      message: 'The sign-in did not finish within 5 minutes.',
    };
  }
  if (!result.ok) {
    const detail = result.error ? `: ${result.error}` : '';
    return {
      slot,
      phase: 'failed',
      url: result.url,
      message: `claude auth login failed (exit ${result.exitCode})${detail}`,
    };
  }
  return { slot, phase: 'verifying', url: result.url, message: 'Signed in; reading the new credentials…' };
}

/** Maps one CLI progress event; output lines are not forwarded (they are in the log). */
export function getLoginProgress(slot: string, event: LoginProgress): ReloginProgress | null {
  if (event.type === 'started')
    return { slot, phase: 'starting', url: null, message: 'Starting claude auth login…' };
  if (event.type === 'url') {
    return {
      slot,
      phase: 'waiting_for_browser',
      url: event.url,
      message: 'Finish signing in in your browser.',
    };
  }
  if (event.type === 'exited') return getExitProgress(slot, event.result);
  return null;
}

/** Creates the manager the IPC handlers and notification clicks share. */
export function createReloginManager(deps: ReloginDeps): ReloginManager {
  const running = new Map<string, LoginHandle>();

  async function finish(slot: string, handle: LoginHandle): Promise<void> {
    const result = await handle.promise;
    running.delete(slot);
    deps.logger.info('re-login finished', {
      slot,
      ok: result.ok,
      exitCode: result.exitCode,
      cancelled: result.cancelled,
    });
    if (!result.ok) return;
    try {
      await deps.refreshSlot(slot);
      deps.onProgress({ slot, phase: 'done', url: result.url, message: 'Logged in again.' });
    } catch (err) {
      deps.onProgress({
        slot,
        phase: 'failed',
        url: result.url,
        message: `Signed in, but the refresh failed: ${String(err)}`,
      });
    }
  }

  return {
    async start(slot) {
      if (running.has(slot)) return fail('relogin_running', `A re-login for ${slot} is already running.`);
      if (!deps.claudeBin) {
        return fail(
          'no_claude',
          'The claude CLI was not found. Install Claude Code, or set QUOTA_BROKER_CLAUDE.',
        );
      }
      const target = await deps.findSlot(slot);
      if (!target) return fail('unknown_slot', `There is no slot "${slot}".`);
      if (!target.email) {
        return fail(
          'no_email',
          `Slot ${slot} has no email to sign in with; add one in the registry (email: …).`,
        );
      }
      const handle = deps.startLogin(deps.claudeBin, {
        configDir: target.configDir,
        email: target.email,
        env: deps.env,
      });
      running.set(slot, handle);
      deps.logger.info('re-login started', { slot });
      handle.onProgress((event) => {
        const progress = getLoginProgress(slot, event);
        if (progress) deps.onProgress(progress);
      });
      void finish(slot, handle);
      return { ok: true, value: { started: true } };
    },
    cancel(slot) {
      const handle = running.get(slot);
      handle?.cancel();
      return { ok: true, value: { cancelled: Boolean(handle) } };
    },
    isRunning: (slot) => running.has(slot),
    cancelAll() {
      for (const handle of running.values()) handle.cancel();
    },
  };
}
