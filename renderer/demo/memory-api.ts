/**
 * An in-memory `QuotaApi` that behaves like a host: refresh takes a moment, re-login walks through
 * its phases and brings the slot back. Only the demo page uses it; the real hosts are IPC and HTTP.
 */
import type { CacheSlot } from '../../shared/domain/types';
import type { QuotaApi, QuotaState, ReloginProgress } from '../../shared/ipc/contract';
import { createDemoHistory, createDemoLogTail } from '../dev-fixtures';

/** Pace of the simulated host, slow enough to watch. */
export const DEMO_REFRESH_MS = 1_200;
export const DEMO_RELOGIN_STEP_MS = 2_500;
const DEMO_SIGN_IN_URL = 'https://claude.ai/oauth/authorize?client_id=demo&state=demo';

/** Creates a demo host holding `initial`; `null` means the first `getState` never answers (loading). */
export function createMemoryQuotaApi(initial: QuotaState | null): QuotaApi {
  let state = initial;
  const stateListeners = new Set<(s: QuotaState) => void>();
  const reloginListeners = new Set<(p: ReloginProgress) => void>();
  const timers = new Map<string, ReturnType<typeof setTimeout>[]>();

  function update(change: (s: QuotaState) => QuotaState): QuotaState {
    if (!state) throw new Error('demo host has no state');
    state = change({ ...state, now: Date.now() });
    for (const listener of stateListeners) listener(state);
    return state;
  }
  const patchSlot = (id: string, patch: Partial<CacheSlot>) =>
    update((s) => {
      if (!s.cache?.slots[id]) return s;
      const slots = { ...s.cache.slots, [id]: { ...s.cache.slots[id], ...patch } };
      const allInactive = Object.values(slots).every((x) => x.status === 'inactive' || x.enabled === false);
      return { ...s, cache: { ...s.cache, slots, all_inactive: allInactive, ts: Date.now() } };
    });
  const emit = (progress: ReloginProgress) => {
    for (const listener of reloginListeners) listener(progress);
  };

  return {
    getState: () => (state ? Promise.resolve({ ok: true, value: state }) : new Promise(() => undefined)),
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    async refreshNow() {
      const value = update((s) => ({ ...s, refreshing: true }));
      setTimeout(() => {
        update((s) => {
          if (!s.cache) return { ...s, refreshing: false };
          const now = Date.now();
          const slots = Object.fromEntries(
            Object.entries(s.cache.slots).map(([id, x]) => [
              id,
              x.status === 'active' && x.health === 'ok' ? { ...x, last_fetched: now, last_attempt: now } : x,
            ]),
          );
          return { ...s, refreshing: false, cache: { ...s.cache, slots, ts: now } };
        });
      }, DEMO_REFRESH_MS);
      return { ok: true, value };
    },
    async relogin(slot) {
      const step = (phase: ReloginProgress['phase'], delay: number, after?: () => void) =>
        setTimeout(() => {
          emit({ slot, phase, url: DEMO_SIGN_IN_URL, message: null });
          after?.();
        }, delay);
      emit({ slot, phase: 'starting', url: null, message: null });
      timers.set(slot, [
        step('waiting_for_browser', 500),
        step('verifying', 500 + DEMO_RELOGIN_STEP_MS),
        step('done', 500 + 2 * DEMO_RELOGIN_STEP_MS, () =>
          patchSlot(slot, { status: 'active', health: 'ok', last_error: null, last_fetched: Date.now() }),
        ),
      ]);
      return { ok: true, value: { started: true } };
    },
    async cancelRelogin(slot) {
      const pending = timers.get(slot) ?? [];
      for (const timer of pending) clearTimeout(timer);
      timers.delete(slot);
      emit({ slot, phase: 'cancelled', url: null, message: null });
      return { ok: true, value: { cancelled: pending.length > 0 } };
    },
    onReloginProgress(listener) {
      reloginListeners.add(listener);
      return () => reloginListeners.delete(listener);
    },
    async setEnabled(slot, enabled) {
      const value = patchSlot(slot, { enabled, health: enabled ? 'ok' : 'disabled' });
      return { ok: true, value };
    },
    async getHistory(slot) {
      return { ok: true, value: createDemoHistory(slot, Date.now(), state?.cache?.slots[slot]) };
    },
    async getLogTail() {
      return { ok: true, value: createDemoLogTail(Date.now()) };
    },
    async openLog() {
      return { ok: true, value: { path: '~/.claude/session-health/broker.log' } };
    },
    async discoverSlots() {
      // The demo has its slots already: nothing found that is not in use.
      const registry = '~/.claude/session-health/claude-sessions.yaml';
      return { ok: true, value: { registry, registries: [], candidates: [], added: [] } };
    },
  };
}
