/**
 * Re-login from a UI (product.md §9): one `claude auth login` child per slot, progress as events, cancel,
 * and the slot's credentials re-read (one cycle for that slot) when the child exits 0.
 */
import { type LoginHandle, startLogin } from '../adapters/claude/auth-login';
import { getClaudeConfigDirEnv } from '../adapters/credentials/keychain-naming';
import type { Registry } from '../domain/types';
import type { EngineDeps } from '../engine/deps';
import { getSlotTarget } from '../engine/resolve-slots';
import type { ReloginProgress } from '../ipc/contract';

export class ReloginError extends Error {
  constructor(
    readonly code: 'no_claude' | 'unknown_slot' | 'no_email' | 'already_running',
    message: string,
  ) {
    super(message);
  }
}

export interface ReloginManager {
  start(slotId: string): void;
  cancel(slotId: string): boolean;
  running(slotId: string): boolean;
}

export function createReloginManager(
  deps: EngineDeps,
  getRegistry: () => Promise<Registry>,
  onProgress: (p: ReloginProgress) => void,
  afterLogin: (slotId: string) => Promise<void>,
  timeoutMs?: number,
): ReloginManager {
  const active = new Map<string, LoginHandle>();
  return {
    running: (id) => active.has(id),
    cancel(id) {
      const handle = active.get(id);
      if (!handle) return false;
      handle.cancel();
      return true;
    },
    start(id) {
      if (!deps.claudeBin) {
        throw new ReloginError(
          'no_claude',
          'The claude CLI was not found; install Claude Code or set QUOTA_BROKER_CLAUDE.',
        );
      }
      if (active.has(id))
        throw new ReloginError('already_running', `A re-login for ${id} is already running.`);
      const bin = deps.claudeBin;
      const launch = async () => {
        const registry = await getRegistry();
        const slot = registry.slots.find((s) => s.id === id);
        if (!slot) throw new ReloginError('unknown_slot', `There is no slot "${id}".`);
        const email = slot.email ?? (await readCachedEmail(deps, id));
        if (!email)
          throw new ReloginError('no_email', `Slot ${id} has no email; add "email:" to it in the registry.`);
        const target = getSlotTarget(slot, deps.paths.defaultConfigDir, deps.paths.home);
        const handle = startLogin(bin, {
          configDir: getClaudeConfigDirEnv(target) ?? null,
          email,
          env: deps.env,
          timeoutMs,
        });
        active.set(id, handle);
        let url: string | null = null;
        onProgress({
          slot: id,
          phase: 'starting',
          url: null,
          message: `Starting claude auth login for ${email}…`,
        });
        handle.onProgress((event) => {
          if (event.type === 'url') {
            url = event.url;
            onProgress({
              slot: id,
              phase: 'waiting_for_browser',
              url,
              message: 'Finish signing in in your browser.',
            });
          }
        });
        const result = await handle.promise;
        active.delete(id);
        deps.logger.info('re-login finished', {
          slot: id,
          exit: result.exitCode,
          cancelled: result.cancelled,
          timedOut: result.timedOut,
        });
        if (result.cancelled)
          return onProgress({ slot: id, phase: 'cancelled', url, message: 'Re-login cancelled.' });
        if (!result.ok) {
          const why = result.timedOut
            ? 'timed out after 5 minutes'
            : (result.error ?? `exit ${result.exitCode}`);
          return onProgress({ slot: id, phase: 'failed', url, message: `Re-login failed: ${why}` });
        }
        onProgress({ slot: id, phase: 'verifying', url, message: 'Checking the new login…' });
        await afterLogin(id);
        onProgress({ slot: id, phase: 'done', url, message: `${id} is back in service.` });
      };
      launch().catch((e: unknown) => {
        active.delete(id);
        const message = e instanceof Error ? e.message : String(e);
        deps.logger.error(`re-login failed: ${message}`, { slot: id });
        onProgress({ slot: id, phase: 'failed', url: null, message });
      });
    },
  };
}

async function readCachedEmail(deps: EngineDeps, id: string): Promise<string | null> {
  const { readCache } = await import('../adapters/cache-store');
  const load = await readCache(deps.paths.cache);
  return load.state === 'ok' ? (load.cache.slots[id]?.email ?? null) : null;
}
