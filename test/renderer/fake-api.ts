/** An in-memory QuotaApi for component tests: every method is a spy; the test pushes states and progress. */
import { vi } from 'vitest';
import type { AdoptReport } from '../../shared/domain/adopt';
import type {
  ApiResult,
  HistoryPoint,
  LogTail,
  QuotaApi,
  QuotaState,
  ReloginProgress,
} from '../../shared/ipc/contract';

export interface FakeQuotaApi extends QuotaApi {
  /** Sends a state to every `onState` listener, as the host does after a cycle. */
  pushState(state: QuotaState): void;
  /** Sends re-login progress, as the host does while `claude auth login` runs. */
  pushRelogin(progress: ReloginProgress): void;
  /** What `getState` answers; `pending` never answers (stays loading). */
  initial: ApiResult<QuotaState> | 'pending';
  history: HistoryPoint[];
  /** What `getLogTail` answers. */
  logTail: LogTail;
  /** What `discoverSlots` answers (with `add` the candidates not present come back as `added`). */
  discovery: AdoptReport;
  stateListenerCount(): number;
}

const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

/** Creates a fake host answering `getState` with `initial`. */
export function createFakeApi(initial: QuotaState | ApiResult<QuotaState> | 'pending'): FakeQuotaApi {
  const stateListeners = new Set<(s: QuotaState) => void>();
  const reloginListeners = new Set<(p: ReloginProgress) => void>();
  let current: QuotaState | null = null;
  const asResult = (value: typeof initial): ApiResult<QuotaState> | 'pending' =>
    value === 'pending' || 'ok' in value ? value : ok(value);

  const api: FakeQuotaApi = {
    initial: asResult(initial),
    history: [],
    getState: vi.fn(() => {
      if (api.initial === 'pending') return new Promise<never>(() => undefined);
      if (api.initial.ok) current = api.initial.value;
      return Promise.resolve(api.initial);
    }),
    onState: vi.fn((listener: (s: QuotaState) => void) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    }),
    refreshNow: vi.fn(async () => ok(current as QuotaState)),
    relogin: vi.fn(async () => ok({ started: true as const })),
    cancelRelogin: vi.fn(async () => ok({ cancelled: true })),
    onReloginProgress: vi.fn((listener: (p: ReloginProgress) => void) => {
      reloginListeners.add(listener);
      return () => reloginListeners.delete(listener);
    }),
    setEnabled: vi.fn(async () => ok(current as QuotaState)),
    getHistory: vi.fn(async () => ok(api.history)),
    openLog: vi.fn(async () => ok({ path: '/home/me/.claude/session-health/broker.log' })),
    logTail: {
      path: '/home/me/.claude/session-health/broker.log',
      exists: true,
      lines: ['[2026-02-07 11:59:00.000] [info]  [pid 1] cycle end'],
      truncated: false,
    },
    getLogTail: vi.fn(async () => ok(api.logTail)),
    discovery: {
      registry: '/home/me/.claude/session-health/claude-sessions.yaml',
      registries: [],
      candidates: [],
      added: [],
    },
    discoverSlots: vi.fn(async (add: boolean) =>
      ok({
        ...api.discovery,
        added: add ? api.discovery.candidates.filter((c) => !c.present).map((c) => c.id) : [],
      }),
    ),
    pushState(state) {
      current = state;
      for (const listener of stateListeners) listener(state);
    },
    pushRelogin(progress) {
      for (const listener of reloginListeners) listener(progress);
    },
    stateListenerCount: () => stateListeners.size,
  };
  return api;
}
