/**
 * The refresh decision as data: what one slot's cycle works with (context, run, events) and what the
 * planner answers (a plan). The planner (plan-slot.ts and its parts) is pure; the executor
 * (../process-slot.ts) carries each plan out with the adapters and feeds back what happened as an event.
 */
import type { SlotEngineState } from '../../adapters/engine-state-store';
import type { HttpFailureKind, UsageResult } from '../../adapters/http/types';
import type { SlotOutcome } from '../../domain/health';
import type {
  BrokerSettings,
  CacheSlot,
  OAuthTokens,
  SlotConfig,
  SlotHealth,
  SlotStatus,
  TokenRefreshMode,
  UsageWindow,
} from '../../domain/types';
import type { TokenRefreshOutcome } from '../token-refresh/types';

/** A statusline observation as the engine uses it: fresh numbers for free. */
export interface ObservationInput {
  observed_at: number;
  five_hour: UsageWindow | null;
  seven_day: UsageWindow | null;
}

/** What stays fixed for a slot during one cycle. */
export interface SlotPlanContext {
  slot: SlotConfig;
  /** The health the slot showed after the previous cycle. */
  prevHealth: SlotHealth | null;
  observation: ObservationInput | null;
  settings: BrokerSettings;
  mode: TokenRefreshMode;
  /** `refresh now`: ignore the schedule (never the 429 back-off or the hourly budget). */
  force: boolean;
  /** Email from the registry or the config dir's .claude.json; null sends us to the profile endpoint. */
  knownEmail: string | null;
  /** Where the slot's login is stored, as a person would look for it (for messages). */
  storeDescription: string;
  /** A non-default slot whose config dir is the default one: a likely `default: true` left out. */
  looksLikeDefaultDir: boolean;
}

/** What the planner knows about the stored login once it was read. */
export type CredentialFacts =
  | { state: 'absent' }
  | { state: 'logged_out' }
  /** `malformed`: the JSON is broken; otherwise the store could not be reached (locked keychain, …). */
  | { state: 'unreadable'; error: string; malformed: boolean }
  | { state: 'ok'; tokens: OAuthTokens; fingerprint: string; accessExpired: boolean };

/** The slot's cycle so far: every decision's effect lands here. Tokens never leave memory. */
export interface SlotRun {
  status: SlotStatus;
  state: SlotEngineState;
  entry: CacheSlot;
  /** The login the usage call uses (after a refresh: the new one); null until read. */
  tokens: OAuthTokens | null;
  /** A token refresh already ran in this cycle: a second rejection is a failure, not another refresh. */
  refreshed?: boolean;
}

/** What the executor observed while carrying out an I/O plan; the planner's next input. */
export type SlotEvent =
  | { type: 'start' }
  /** The answer to `read_credentials`. */
  | { type: 'credentials'; credentials: CredentialFacts }
  /** The answer to `refresh_token`; `fingerprint` is the new login's when it was refreshed. */
  | { type: 'token_refresh'; outcome: TokenRefreshOutcome; fingerprint: string | null }
  /** The answer to `confirm_login_dead`: what the store holds now (remembered to notice a re-login). */
  | { type: 'dead_login_read'; fingerprint: string }
  /** The answer to `fetch_usage`; `jitter` in [0, 1) spreads the next due time. */
  | { type: 'usage'; result: UsageResult; jitter: number }
  /** The answer to `fetch_profile`: the account's email when the endpoint named one. */
  | { type: 'profile'; email: string | null };

/** The token-refresh modes in which the broker gets a token refreshed (`never` only waits). */
export type RefreshingMode = Exclude<TokenRefreshMode, 'never'>;

/**
 * Why a token is refreshed before the (next) usage call: it expired locally, or the usage endpoint
 * rejected it (401/403) although it is valid locally — the server ended the session.
 */
export type RefreshReason = 'expired' | 'rejected';

/**
 * What to do next for a slot. The first group asks the executor for I/O (its answer comes back as an
 * event); every other plan ends the slot's cycle with the outcome `getPlanOutcome` names.
 */
export type SlotPlan =
  | { type: 'read_credentials' }
  /**
   * Refresh the access token in `mode` (delegate: `claude auth status`; locked: Claude Code's locks), then
   * fetch. After a rejection the mode is always `locked`: `claude auth status` does not refresh a token
   * whose local expiry has not passed (docs/claude-code.md "Letting Claude Code refresh").
   */
  | { type: 'refresh_token'; mode: RefreshingMode; reason: RefreshReason }
  | { type: 'fetch_usage' }
  /** The refresh found the login dead: re-read the store to remember what the dead login looks like. */
  | { type: 'confirm_login_dead' }
  /** Ask the profile endpoint for an email nothing else names (at most once a day). */
  | { type: 'fetch_profile' }
  | { type: 'disabled' }
  | { type: 'unreadable'; malformed: boolean }
  /** An inactive slot whose stored login did not change: no call. */
  | { type: 'stay_inactive'; outcome: 'no_credentials' | 'login_dead' | 'skipped' }
  | { type: 'deactivate'; reason: 'no_credentials' | 'login_dead' }
  | { type: 'use_observation' }
  | { type: 'back_off' }
  | { type: 'skip'; reason: 'not_due' | 'over_budget' }
  /** The token could not be refreshed now (transient, misconfigured, or `never`): try again later. */
  | { type: 'wait_for_token' }
  /** The usage call failed; the schedule (or a 429 back-off) says when to try again. */
  | { type: 'call_failed'; kind: HttpFailureKind }
  | { type: 'fetched' };

/** The plans that ask the executor for I/O. */
export type IoPlan = Extract<
  SlotPlan,
  { type: 'read_credentials' | 'refresh_token' | 'fetch_usage' | 'confirm_login_dead' | 'fetch_profile' }
>;

/** A log line the planner wants written (the executor adds the slot id). */
export interface PlanLog {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** One planning step: the updated run, the next plan and what to log. */
export interface PlanStep {
  run: SlotRun;
  plan: SlotPlan;
  logs: PlanLog[];
}

export type { SlotOutcome };
