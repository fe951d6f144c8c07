/**
 * Alert data: what the policy decides, what the deliverers show, and the persisted episode state.
 * Pure data; times are epoch milliseconds.
 */
import type * as v from 'valibot';
import type {
  AlertActionSchema,
  AlertKindSchema,
  AlertSeveritySchema,
  AlertStateSchema,
  EpisodeSchema,
  EpisodeStatusSchema,
} from '../schemas/alert-state';
import type { CacheFile } from '../types';

export type AlertSeverity = v.InferOutput<typeof AlertSeveritySchema>;

export type AlertKind = v.InferOutput<typeof AlertKindSchema>;

/** What clicking the notification does. */
export type AlertAction = v.InferOutput<typeof AlertActionSchema>;

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

/** How an open episode's alert was handled (schemas/alert-state.ts). */
export type EpisodeStatus = v.InferOutput<typeof EpisodeStatusSchema>;

/** A condition that is currently true (schemas/alert-state.ts). */
export type Episode = v.InferOutput<typeof EpisodeSchema>;

export const ALERT_STATE_VERSION = 1 as const;

/** Persisted in `<stateDir>/alert-state.json` (schemas/alert-state.ts). */
export type AlertState = v.InferOutput<typeof AlertStateSchema>;

/** The engine state a cycle just produced. */
export interface EngineSnapshot {
  cache: CacheFile;
  /** True when a broker runs this cycle and would refresh if it could (daemon, app, refresh run). */
  brokerRunning: boolean;
}
