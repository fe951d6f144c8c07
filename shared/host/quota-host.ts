/**
 * The one engine host behind every UI (the app's main process over IPC, `quota-broker serve` over HTTP):
 * runs the engine as the broker, or follows the broker that holds the lock, and turns UI requests into
 * engine actions. It pushes state from its own cycles' ends and, for what other processes change, when
 * a watched file changes (state-watcher.ts) — it does not poll. Errors are values (`ApiResult`); nothing
 * is thrown across.
 */
import { getBrokerHolder } from '../adapters/broker-lock';
import { startLogin } from '../adapters/claude/auth-login';
import { readHistory } from '../adapters/history-store';
import { readLogTail } from '../adapters/log-tail';
import { editRegistry, setEnabled } from '../adapters/registry/registry-store';
import { redactUnknown } from '../domain/redact';
import { refreshOnce } from '../engine/broker';
import { type DaemonHandle, startDaemon } from '../engine/daemon';
import type { ApiResult, ReloginProgress } from '../ipc/contract';
import { AdoptError, adoptSetup } from './adopt-setup';
import { listSlotIds, readHostSnapshot } from './host-state';
import { watchOutsideChanges } from './outside-changes';
import type { QuotaHost, QuotaHostDeps } from './quota-host-types';
import { createReloginManager } from './relogin-manager';
import { findReloginTarget } from './relogin-target';
import { createStatePublisher } from './state-publisher';

import { isProcessAlive, takeOverBroker } from './takeover';

export type { QuotaHost, QuotaHostDeps } from './quota-host-types';

/** History the sparkline shows. */
export const HISTORY_SPAN_MS = 7 * 24 * 3_600_000;
/** How many of the log's last lines the log panel shows. */
export const LOG_TAIL_LINES = 200;
/** How long refresh-now waits for another broker's cycle while following. */
export const FOLLOWER_REFRESH_WAIT_MS = 30_000;

const failure = <T>(code: string, cause: unknown): ApiResult<T> => ({
  ok: false,
  error: { code, message: redactUnknown(cause) },
});

/** Starts the engine for a UI host and returns its operations; call `stop()` to release the lock. */
export function createQuotaHost(deps: QuotaHostDeps): QuotaHost {
  const { engine, now, surface } = deps;
  let refreshes = 0;
  let daemon: DaemonHandle | null = null;
  const role = () => daemon?.role ?? 'follower';

  const outside = watchOutsideChanges({
    paths: engine.paths,
    now,
    logger: engine.logger,
    debounceMs: deps.watchDebounceMs,
    look: () => states.publish(),
    onChecked: deps.onChecked,
  });
  const snapshot = async () => {
    outside.beforeRead();
    const snap = await readHostSnapshot(
      engine.paths,
      { role: role(), refreshing: refreshes > 0, pid: process.pid },
      now(),
    );
    outside.afterRead(snap);
    return snap;
  };
  const states = createStatePublisher(snapshot, engine.logger);
  const reloginListeners = new Set<(progress: ReloginProgress) => void>();
  const state = async () => (await snapshot()).state;

  daemon = (deps.startDaemon ?? startDaemon)(engine, now, {
    surface,
    onCycle: () => void states.publish(true),
    onRoleChange: (next) => {
      engine.logger.info(
        next === 'broker' ? `${surface} polls as the broker` : 'another broker holds the lock; following it',
      );
      void states.publish(true);
    },
  });

  async function runRefresh(slot?: string): Promise<void> {
    refreshes++;
    void states.publish(true);
    try {
      // Takes the lock when it is free; null while another broker holds it.
      const result = await daemon?.requestCycle({ force: true, slot });
      if (!result && role() === 'follower') {
        await refreshOnce(engine, now, { force: true, slot, surface, waitMs: FOLLOWER_REFRESH_WAIT_MS });
      }
    } finally {
      refreshes--;
      await states.publish(true);
    }
  }
  const claimBroker = async () => {
    await daemon?.requestCycle({ force: true });
    await states.publish(true);
  };
  const isKnownSlot = async (slot: string) => (await listSlotIds(engine.paths)).includes(slot);
  const unknownSlot = <T>(slot: string): ApiResult<T> => ({
    ok: false,
    error: { code: 'unknown_slot', message: `There is no slot "${slot}".` },
  });

  const relogins = createReloginManager({
    claudeBin: engine.claudeBin,
    startLogin: deps.startLogin ?? startLogin,
    findTarget: (slot) => findReloginTarget(engine.paths, slot),
    refreshSlot: (slot) => runRefresh(slot),
    onProgress: (progress) => {
      for (const listener of reloginListeners) listener(progress);
    },
    logger: engine.logger,
    env: engine.env,
    timeoutMs: deps.reloginTimeoutMs,
  });

  return {
    get role() {
      return role();
    },
    snapshot,
    logPath: () => engine.paths.log,
    getState: async () => ({ ok: true, value: await state() }),
    async refreshNow(slot) {
      try {
        if (slot !== undefined && !(await isKnownSlot(slot))) return unknownSlot(slot);
        await runRefresh(slot);
        const after = await state();
        // The cycle ran on the last good registry; a refresh that hides a broken file would be a lie.
        if (after.registry_error)
          return {
            ok: false,
            error: {
              code: 'registry',
              message: `Refreshed with the last good registry: ${after.registry_error}`,
            },
          };
        return { ok: true, value: after };
      } catch (e) {
        return failure('refresh_failed', e);
      }
    },
    relogin: (slot) => relogins.start(slot),
    cancelRelogin: async (slot) => relogins.cancel(slot),
    async setEnabled(slot, enabled) {
      try {
        if (!(await isKnownSlot(slot))) return unknownSlot(slot);
        await editRegistry(engine.paths.registry, (doc) => setEnabled(doc, slot, enabled), engine.fs);
      } catch (e) {
        return failure('registry', e);
      }
      engine.logger.info(`slot ${enabled ? 'enabled' : 'disabled'} from the ${surface}`, { slot });
      // The cache says a slot is enabled only after a cycle: answer with the state that shows the toggle.
      await runRefresh(slot).catch((e) =>
        engine.logger.warn(`refresh after enable failed: ${redactUnknown(e)}`),
      );
      return { ok: true, value: await state() };
    },
    async getHistory(slot) {
      try {
        return { ok: true, value: await readHistory(engine.paths.history, slot, now() - HISTORY_SPAN_MS) };
      } catch (e) {
        return failure('history', e);
      }
    },
    async discoverSlots(add) {
      try {
        const report = await adoptSetup(engine, { add });
        if (report.added.length > 0) {
          engine.logger.info(`slots added from an existing setup by the ${surface}`, { slots: report.added });
          // The new slots appear with their numbers (or their dead logins) on the state this cycle pushes.
          await runRefresh();
        }
        return { ok: true, value: report };
      } catch (e) {
        return failure(e instanceof AdoptError ? 'registry' : 'discover_failed', e);
      }
    },
    async getLogTail() {
      return { ok: true, value: await readLogTail(engine.paths.log, LOG_TAIL_LINES) };
    },
    // A headless host opens nothing: it says where the log is (the app opens its own, electron/app-api.ts).
    openLog: async () => ({ ok: true, value: { path: engine.paths.log } }),
    claimBroker,
    async takeOver() {
      if (role() === 'broker') return { ok: true, stoppedPid: null };
      try {
        return await takeOverBroker({
          getHolder: async () => {
            const holder = await getBrokerHolder(engine.paths, now());
            return holder.alive ? holder.info : null;
          },
          kill: (pid, signal) => process.kill(pid, signal),
          isAlive: isProcessAlive,
          becomeBroker: claimBroker,
          ...deps.takeover,
        });
      } catch (e) {
        return { ok: false, message: `Take-over failed: ${redactUnknown(e)}` };
      }
    },
    onState: (listener) => states.subscribe((snap) => listener(snap.state)),
    onSnapshot: (listener) => states.subscribe(listener),
    onReloginProgress(listener) {
      reloginListeners.add(listener);
      return () => reloginListeners.delete(listener);
    },
    async stop() {
      outside.stop();
      await relogins.cancelAll();
      await daemon?.stop();
    },
  };
}
