/**
 * Alert data: what the policy decides, what the deliverers show, and the persisted episode state.
 * Pure data; times are epoch milliseconds.
 */
import type { CacheFile } from '../types';

export type AlertSeverity = 'critical' | 'warning' | 'info';

export type AlertKind =
  | 'all_inactive'
  | 'login_dead'
  | 'login_expiring'
  | 'relogin_reminder'
  | 'stale'
  | 'usage'
  | 'capacity_back'
  | 'extra_usage';

/** What clicking the notification does. */
export type AlertAction = { type: 'relogin'; slot: string } | { type: 'open' } | null;

/** One notification to deliver. `id` is the stable episode key, e.g. `login_dead:slot-2`. */
export interface Alert {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** The slot the alert is about; null for global alerts (all inactive). */
  slot: string | null;
  title: string;
  /** Says what to do (`Run: quota-broker relogin slot-2`). Never contains a token. */
  body: string;
  action: AlertAction;
  at: number;
}

/**
 * How an open episode's alert was handled: delivered, held for quiet hours (pending), or opened
 * without a notification (silent: superseded by a broader alert, or alerts disabled).
 */
export type EpisodeStatus = 'delivered' | 'pending' | 'silent';

/** A condition that is currently true. It fired (or was held) once and will not fire again until it clears. */
export interface Episode {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  slot: string | null;
  title: string;
  body: string;
  action: AlertAction;
  status: EpisodeStatus;
  opened_at: number;
  updated_at: number;
  delivered_at: number | null;
}

export const ALERT_STATE_VERSION = 1 as const;

/** Persisted in `<stateDir>/alert-state.json`. */
export interface AlertState {
  version: typeof ALERT_STATE_VERSION;
  /** Open episodes by id. */
  episodes: Record<string, Episode>;
  /**
   * Facts remembered between cycles to detect transitions (e.g. `high:slot-1:five_hour`: the window
   * was at its top threshold; `unusable:slot-1`: the slot could not be used). Value: epoch ms set.
   */
  marks: Record<string, number>;
  updated_at: number;
}

/** The engine state a cycle just produced. */
export interface EngineSnapshot {
  cache: CacheFile;
  /** True when a broker runs this cycle and would refresh if it could (daemon, app, refresh run). */
  brokerRunning: boolean;
}
