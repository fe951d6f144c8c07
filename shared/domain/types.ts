/**
 * Core data types shared by the engine, the CLI, the statusline, the UI and Electron.
 * Pure data: no I/O, no Node, no DOM. Times are epoch milliseconds unless a name ends in `_at`
 * and holds an ISO string from the API (`resets_at`).
 */
import type { SlotPace } from './pace/window-pace';

/** Persisted in the registry. */
export type SlotStatus = 'active' | 'inactive';

/** Computed on every cycle (product.md §3). */
export type SlotHealth =
  | 'ok'
  | 'stale'
  | 'token_expired'
  | 'rate_limited'
  | 'offline'
  | 'login_dead'
  | 'no_credentials'
  | 'disabled';

export type TokenRefreshMode = 'delegate' | 'locked' | 'never';

/** Where the numbers in the cache came from. */
export type DataSource = 'endpoint' | 'statusline';

/** Failure classes; every failure the engine records carries one. */
export type ErrorKind =
  | 'offline' // network error, DNS, connection refused
  | 'timeout'
  | 'server_error' // 5xx
  | 'rate_limited' // 429
  | 'unauthorized' // 401 from usage: token expired or revoked
  | 'forbidden' // 403: missing scope (e.g. a setup-token)
  | 'bad_response' // garbage, HTML, unparseable JSON, unexpected shape
  | 'login_dead' // invalid_grant for the stored refresh token, or a logged-out stub
  | 'no_credentials'
  | 'credentials_unreadable' // broken JSON, locked keychain, keyring unavailable
  | 'config' // invalid_client, missing config dir, bad registry
  | 'refresh_failed' // token refresh failed transiently
  | 'storage'; // could not write a file

export interface SlotError {
  kind: ErrorKind;
  /** A sentence a person can act on. Never contains a token. */
  message: string;
  at: number;
}

/** One utilisation window as the cache stores it. */
export interface UsageWindow {
  /** 0–100. */
  utilization: number;
  /** ISO-8601 string, or null when the API gives none. */
  resets_at: string | null;
}

export interface ModelWeeklyLimit {
  model: string;
  utilization: number;
  resets_at: string | null;
}

export interface ExtraUsage {
  is_enabled: boolean;
  /** Minor units (cents), as the API gives them. */
  used: number | null;
  limit: number | null;
  currency: string | null;
}

/** The decoded answer of the usage endpoint (or an observation from a statusline). */
export interface UsageSnapshot {
  five_hour: UsageWindow | null;
  seven_day: UsageWindow | null;
  weekly_by_model: ModelWeeklyLimit[];
  extra_usage: ExtraUsage | null;
}

/** The id the broker gives the default account it discovers when there is no registry. */
export const DEFAULT_SLOT_ID = 'default';

/** A slot as configured in `claude-sessions.yaml`. */
export interface SlotConfig {
  id: string;
  config_dir: string;
  email?: string;
  label?: string;
  status: SlotStatus;
  /** false when a person disabled the slot (`enabled: false` in the registry). */
  enabled: boolean;
  /**
   * The account Claude Code uses with CLAUDE_CONFIG_DIR unset (`default: true` in the registry): its
   * keychain item is the un-suffixed one and its `.claude.json` is `~/.claude.json`. Any other slot's
   * config_dir is used exactly as exported — `CLAUDE_CONFIG_DIR=$HOME/.claude` is a different keychain item.
   */
  default?: boolean;
}

export interface BrokerSettings {
  refresh_interval_s: number;
  stale_threshold_s: number;
  token_refresh: TokenRefreshMode | 'auto';
  /** Per-request timeout for the usage and profile endpoints. */
  request_timeout_s: number;
  /**
   * Timeout of a token refresh request (locked mode). Long on purpose: aborting it does not stop the
   * server from rotating the token, so a short one can lose a login on a slow link. Kept under the refresh
   * locks' 60 s stale time.
   */
  token_timeout_s: number;
  /** Upper bound of usage calls per slot per trailing hour. */
  max_calls_per_hour: number;
  /** How long a statusline observation replaces an endpoint call. */
  observation_fresh_s: number;
  /** Statusline format; see docs for tokens. */
  statusline_format?: string;
  /** Alert settings (alerts issue). Unknown keys are kept by the registry. */
  [key: string]: unknown;
}

/** Data older than this is stale (settings.stale_threshold_s); also what readers assume when a cache omits it. */
export const DEFAULT_STALE_THRESHOLD_S = 600;

export const DEFAULT_SETTINGS: BrokerSettings = {
  refresh_interval_s: 300,
  stale_threshold_s: DEFAULT_STALE_THRESHOLD_S,
  token_refresh: 'auto',
  request_timeout_s: 15,
  token_timeout_s: 45,
  max_calls_per_hour: 12,
  observation_fresh_s: 300,
};

export interface Registry {
  slots: SlotConfig[];
  settings: BrokerSettings;
}

/** The part of Claude Code's stored credentials the broker reads. Never logged. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  refreshTokenExpiresAt?: number;
  scopes?: string[];
  subscriptionType?: string;
  rateLimitTier?: string;
}

/** One slot's entry in the cache file (product.md §4). Field names are a contract. */
export interface CacheSlot {
  email: string | null;
  label: string | null;
  status: SlotStatus;
  health: SlotHealth;
  last_fetched: number | null;
  last_attempt: number | null;
  source: DataSource | null;
  last_error: SlotError | null;
  five_hour: UsageWindow | null;
  seven_day: UsageWindow | null;
  weekly_by_model: ModelWeeklyLimit[];
  extra_usage: ExtraUsage | null;
  access_expires_at: number | null;
  login_expires_at: number | null;
  subscription: string | null;
  rate_limit_tier: string | null;
  requests_last_hour: number;
  config_dir: string;
  /** When a 429 back-off ends (epoch ms), else null. */
  next_attempt_at?: number | null;
  enabled?: boolean;
  /** The account used without CLAUDE_CONFIG_DIR (statuslines of such sessions attribute to it). */
  default_account?: boolean;
  /** When the current credentials (by fingerprint) were first seen (epoch ms): the last login, for re-login reminders. */
  login_seen_at?: number | null;
  /**
   * Where each window is heading, computed by the engine from history.jsonl every cycle (domain/pace),
   * so the statusline and the tray can show it from the cache alone (docs/contracts.md "The cache file").
   */
  pace?: SlotPace;
}

export interface CacheFile {
  version: 1;
  ts: number;
  writer: { pid: number; app: string; app_version: string };
  all_inactive: boolean;
  recommended: string | null;
  /** Threshold the writer used, so readers judge staleness the same way. */
  stale_threshold_s?: number;
  /** `alerts.login_expiry_warn_days` the writer used, so every surface warns about the same logins. */
  login_expiry_warn_days?: number;
  /** The registry's `settings.statusline_format`, copied here so the statusline never parses YAML. */
  statusline_format?: string;
  /** `settings.statusline_color` (validated): false turns the statusline's colours off. */
  statusline_color?: boolean;
  /** `settings.statusline_color_thresholds` (validated): amber from the first percentage, red from the second. */
  statusline_color_thresholds?: [number, number];
  slots: Record<string, CacheSlot>;
}

export const CACHE_VERSION = 1 as const;

/** One point of a slot's utilisation history (history.jsonl). */
export interface HistoryPoint {
  t: number;
  five_hour: number | null;
  seven_day: number | null;
}
