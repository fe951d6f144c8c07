/**
 * Re-login from a UI (docs/contracts.md "Re-login"): one `claude auth login` child per slot at a time, its progress pushed
 * as contract `ReloginProgress` events, cancel, and on success one cycle for that slot so it comes back
 * at once. Every refusal is a value (`ApiResult`), never a throw.
 */
import type { LoginHandle, LoginOptions } from '../adapters/claude/auth-login';
import { redactUnknown } from '../domain/redact';
import type { ApiResult, ReloginProgress } from '../ipc/contract';
import type { Logger } from '../ports/logger';
import { getExitProgress, getLoginProgress } from './relogin-progress';
import type { ReloginTarget } from './relogin-target';

export interface ReloginDeps {
  /** The `claude` executable, or null when none was found. */
  claudeBin: string | null;
  startLogin: (bin: string, options: LoginOptions) => LoginHandle;
  /** The slot's email and config dir, or null for an unknown slot. */
  findTarget: (slot: string) => Promise<ReloginTarget | null>;
  /** Runs a cycle for the slot after a successful login; resolves when its numbers are in. */
  refreshSlot: (slot: string) => Promise<void>;
  onProgress: (progress: ReloginProgress) => void;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** The login child's time limit; defaults to 5 minutes. */
  timeoutMs?: number;
}

export interface ReloginManager {
  start(slot: string): Promise<ApiResult<{ started: true }>>;
  cancel(slot: string): ApiResult<{ cancelled: boolean }>;
  isRunning(slot: string): boolean;
  /** Cancels every running login and resolves once each has finished (host stop, app quit). */
  cancelAll(): Promise<void>;
}

interface Running {
  handle: LoginHandle | null;
  cancelled: boolean;
  done: Promise<void>;
}

const fail = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

/** Creates the manager a host's QuotaApi and its notification clicks share. */
export function createReloginManager(deps: ReloginDeps): ReloginManager {
  const running = new Map<string, Running>();

  async function finish(slot: string, handle: LoginHandle): Promise<void> {
    const result = await handle.promise;
    deps.logger.info('re-login finished', {
      slot,
      ok: result.ok,
      exitCode: result.exitCode,
      cancelled: result.cancelled,
      timedOut: result.timedOut,
    });
    deps.onProgress(getExitProgress(slot, result, deps.timeoutMs));
    if (!result.ok) return;
    try {
      await deps.refreshSlot(slot);
      deps.onProgress({ slot, phase: 'done', url: result.url, message: `${slot} is signed in again.` });
    } catch (e) {
      const message = `Signed in, but the refresh failed: ${redactUnknown(e)}`;
      deps.onProgress({ slot, phase: 'failed', url: result.url, message });
    }
  }

  async function launch(slot: string, entry: Running): Promise<ApiResult<{ started: true }>> {
    const bin = deps.claudeBin as string;
    const target = await deps.findTarget(slot);
    if (!target) return fail('unknown_slot', `There is no slot "${slot}".`);
    if (!target.email)
      return fail(
        'no_email',
        `Slot ${slot} has no email to sign in with; add one in the registry (email: …).`,
      );
    if (entry.cancelled) return fail('cancelled', 'Re-login cancelled.');
    const { email } = target;
    const handle = deps.startLogin(bin, {
      configDir: target.configDir,
      email,
      env: deps.env,
      timeoutMs: deps.timeoutMs,
    });
    entry.handle = handle;
    deps.logger.info('re-login started', { slot });
    handle.onProgress((event) => {
      const progress = getLoginProgress(slot, event, email);
      if (progress) deps.onProgress(progress);
    });
    entry.done = finish(slot, handle).finally(() => running.delete(slot));
    return { ok: true, value: { started: true } };
  }

  return {
    async start(slot) {
      if (running.has(slot)) return fail('already_running', `A re-login for ${slot} is already running.`);
      if (!deps.claudeBin)
        return fail(
          'no_claude',
          'The claude CLI was not found. Install Claude Code, or set QUOTA_BROKER_CLAUDE.',
        );
      // Reserved before the first await, so a second click cannot start a second child.
      const entry: Running = { handle: null, cancelled: false, done: Promise.resolve() };
      running.set(slot, entry);
      try {
        const result = await launch(slot, entry);
        if (!result.ok) running.delete(slot);
        return result;
      } catch (e) {
        running.delete(slot);
        return fail('relogin_failed', redactUnknown(e));
      }
    },
    cancel(slot) {
      const entry = running.get(slot);
      if (entry) {
        entry.cancelled = true;
        entry.handle?.cancel();
      }
      return { ok: true, value: { cancelled: Boolean(entry) } };
    },
    isRunning: (slot) => running.has(slot),
    async cancelAll() {
      const entries = [...running.values()];
      for (const entry of entries) {
        entry.cancelled = true;
        entry.handle?.cancel();
      }
      await Promise.all(entries.map((e) => e.done));
    },
  };
}
