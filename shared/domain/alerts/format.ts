/** Small wording helpers for alert text. Pure. */
import type { Alert } from './types';

const MINUTE_MS = 60_000;

/** `2 h 10 min`, `45 min`, `3 days`, `less than a minute`. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

/** Minor units (cents) as `12.34 USD`; the currency is omitted when unknown. */
export function formatMoney(minor: number, currency: string | null): string {
  const amount = (minor / 100).toFixed(2);
  return currency ? `${amount} ${currency}` : amount;
}

export { formatPercent } from '../format/percent';

/**
 * An alert as one line: `ALERT [warning] slot-2: login died — The login for slot-2 … Run: quota-broker
 * relogin slot-2`. The log writes it (docs/alerts.md: every alert is in the log as a line starting
 * `ALERT [severity]`) and a foreground daemon prints it.
 */
export function formatAlertLine(alert: Pick<Alert, 'severity' | 'title' | 'body'>): string {
  return `ALERT [${alert.severity}] ${alert.title} — ${alert.body.replace(/\s*\n\s*/g, ' ')}`;
}
