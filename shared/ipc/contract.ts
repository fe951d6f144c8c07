/**
 * The one contract between the UI and whichever host runs the engine (Electron main over IPC, or
 * `quota-broker serve` over HTTP + server-sent events): the values that cross it. The operations
 * themselves are the table in operations.ts; the renderer sees only `QuotaApi`.
 */
import type { CacheFile } from '../domain/types';
import type { EventSubscriptions, OperationHandlers } from './operation';
import type { Events, Operations } from './operations';

export type { HistoryPoint, LogTail } from '../domain/types';

export type ApiError = { code: string; message: string };
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the UI renders: the cache plus what only a live host knows. */
export interface QuotaState {
  cache: CacheFile | null;
  /** True while a refresh cycle runs. */
  refreshing: boolean;
  /** Who polls: this host's engine, or another broker whose cache we follow. */
  broker: { role: 'broker' | 'follower' | 'none'; pid: number | null };
  /** Registry problem (unparseable YAML etc.), shown as a banner. */
  registry_error: string | null;
  /** Epoch ms of the state's creation on the host. */
  now: number;
}

export type ReloginPhase = 'starting' | 'waiting_for_browser' | 'verifying' | 'done' | 'failed' | 'cancelled';

export interface ReloginProgress {
  slot: string;
  phase: ReloginPhase;
  /** The sign-in URL the CLI printed, shown as a fallback link. */
  url: string | null;
  message: string | null;
}

export type Unsubscribe = () => void;

/**
 * What the renderer sees: one function per operation and one subscription per push of the operations
 * table (operations.ts), e.g. `relogin(slot)`, `onState(listener)`. Derived, never written out.
 */
export type QuotaApi = OperationHandlers<Operations> & EventSubscriptions<Events>;
