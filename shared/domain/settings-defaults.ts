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
