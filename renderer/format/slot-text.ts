/** Words for a slot's health, status and data age. */

import { formatAgo } from '../../shared/domain/format/duration';
import type { DataSource, SlotHealth } from '../../shared/domain/types';

/** Colour family of a badge; styles.css maps each to a light and a dark colour. */
export type Tone = 'good' | 'warn' | 'bad' | 'muted' | 'info';

export const HEALTH_TEXT: Record<SlotHealth, { label: string; tone: Tone }> = {
  ok: { label: 'Healthy', tone: 'good' },
  stale: { label: 'Stale data', tone: 'warn' },
  token_expired: { label: 'Token expired, refreshing', tone: 'info' },
  rate_limited: { label: 'Rate-limited', tone: 'warn' },
  offline: { label: 'Offline', tone: 'warn' },
  login_dead: { label: 'Login dead', tone: 'bad' },
  no_credentials: { label: 'Not logged in', tone: 'bad' },
  disabled: { label: 'Disabled', tone: 'muted' },
};

const SOURCE_TEXT: Record<DataSource, string> = {
  endpoint: 'from endpoint',
  statusline: 'from your Claude session',
};

/**
 * Where the numbers came from and how old they are: `from endpoint 3 m ago`,
 * `from your Claude session 20 s ago`; `no data yet` before the first success.
 */
export function formatDataAge(source: DataSource | null, lastFetched: number | null, now: number): string {
  if (lastFetched === null) return 'no data yet';
  const from = source ? SOURCE_TEXT[source] : 'fetched';
  return `${from} ${formatAgo(now - lastFetched)}`;
}
