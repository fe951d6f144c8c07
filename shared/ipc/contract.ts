/**
 * The one contract between the UI and whichever host runs the engine (Electron main over IPC,
 * or `quota-broker serve` over HTTP + server-sent events). The renderer sees only `QuotaApi`.
 */
import type { CacheFile, HistoryPoint } from '../domain/types';

export type { HistoryPoint } from '../domain/types';

/** Channel names for Electron IPC; the HTTP transport maps each to a route. */
export const CHANNELS = {
  getState: 'slots:get',
  refresh: 'slots:refresh',
  relogin: 'slots:relogin',
  cancelRelogin: 'slots:relogin-cancel',
  setEnabled: 'slots:set-enabled',
  openLog: 'app:open-log',
  getHistory: 'slots:history',
  updated: 'slots:updated',
  reloginProgress: 'slots:relogin-progress',
} as const;

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

export interface QuotaApi {
  getState(): Promise<ApiResult<QuotaState>>;
  /** Subscribe to state pushes; returns an unsubscribe function. */
  onState(listener: (state: QuotaState) => void): Unsubscribe;
  refreshNow(slot?: string): Promise<ApiResult<QuotaState>>;
  relogin(slot: string): Promise<ApiResult<{ started: true }>>;
  cancelRelogin(slot: string): Promise<ApiResult<{ cancelled: boolean }>>;
  onReloginProgress(listener: (progress: ReloginProgress) => void): Unsubscribe;
  setEnabled(slot: string, enabled: boolean): Promise<ApiResult<QuotaState>>;
  getHistory(slot: string): Promise<ApiResult<HistoryPoint[]>>;
  openLog(): Promise<ApiResult<{ path: string }>>;
}
