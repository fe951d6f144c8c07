/**
 * The default of every broker setting (`settings:` in the registry, docs/schemas.md). Valibot-free on
 * purpose: any bundle may import it without loading the schemas.
 */
import type { TokenRefreshMode } from './types';

/** Data older than this is stale (settings.stale_threshold_s); also what readers assume when a cache omits it. */
export const DEFAULT_STALE_THRESHOLD_S = 600;

export const DEFAULT_SETTINGS = {
  refresh_interval_s: 300,
  stale_threshold_s: DEFAULT_STALE_THRESHOLD_S,
  token_refresh: 'auto' as TokenRefreshMode | 'auto',
  request_timeout_s: 15,
  token_timeout_s: 45,
  max_calls_per_hour: 12,
  observation_fresh_s: 300,
};

/**
 * Inclusive bounds of the numeric settings, in their own unit (seconds, calls): a timeout past ~24.8 days
 * would overflow Node's timers and fire at once.
 */
export const SETTING_BOUNDS = {
  refresh_interval_s: { min: 60, max: 86_400 },
  stale_threshold_s: { min: 1, max: 604_800 },
  request_timeout_s: { min: 1, max: 300 },
  /** Under Claude Code's 60 s refresh-lock stale time (docs/claude-code.md "Refreshing a token"). */
  token_timeout_s: { min: 1, max: 55 },
  max_calls_per_hour: { min: 1, max: 3_600 },
  observation_fresh_s: { min: 1, max: 86_400 },
} as const satisfies Record<string, { min: number; max: number }>;
