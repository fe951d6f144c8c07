/**
 * Renders a StatuslineView as one line from a format string with `{token}`s (docs/statusline.md).
 * Pure: `now` and the time zone are arguments.
 */
import type { UsageWindow } from '../types';
import type { StatuslineState, StatuslineView } from './view';

/** The default line: `Work ⏱:37%·2h 📅:27h(51%)@Tue`, with a state and `🔺` only when they apply. */
export const DEFAULT_STATUSLINE_FORMAT = '{label} {state} {five_hour} {weekly}{stale}';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export const STATE_TEXT: Record<StatuslineState, string> = {
  all_inactive: '❌all-inactive',
  login_dead: '⛔login-dead',
  no_credentials: '⛔no-login',
  disabled: '⏸disabled',
  inactive: '⛔inactive',
  rate_limited: '⏳429',
  offline: '📴offline',
  unregistered: '❔unregistered',
  no_cache: '❔no-cache',
};

export interface FormatOptions {
  now: number;
  /** IANA zone for the reset's weekday; undefined means the process's local time (`TZ`). */
  timeZone?: string;
}

/** `51.5` → `52`; non-finite → `?`. */
export function formatPercent(utilization: number): string {
  return Number.isFinite(utilization) ? String(Math.round(utilization)) : '?';
}

/** The reset's epoch ms, or null when unknown or unparseable. */
function getResetMs(w: UsageWindow): number | null {
  if (!w.resets_at) return null;
  const t = Date.parse(w.resets_at);
  return Number.isNaN(t) ? null : t;
}

/** Short weekday (`Tue`) of `ms` in `timeZone`, or in local time when it is undefined or unknown. */
export function formatWeekday(ms: number, timeZone?: string): string {
  if (timeZone) {
    try {
      return new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone }).format(ms);
    } catch {
      // An unknown zone falls back to local time rather than losing the line.
    }
  }
  return WEEKDAYS[new Date(ms).getDay()] ?? '?';
}

/**
 * The weekly segment in the established format `📅:27h(51%)@Tue`: whole hours until the reset (floored,
 * so `0h` means under an hour), utilisation rounded, the reset's weekday. A reset already past shows
 * `📅:reset` (the old utilisation is no longer true); an unknown reset time `📅:?h(51%)`; no window `📅:?`.
 */
export function formatWeekly(w: UsageWindow | null, opts: FormatOptions): string {
  if (!w) return '📅:?';
  const reset = getResetMs(w);
  const pct = formatPercent(w.utilization);
  if (reset == null) return `📅:?h(${pct}%)`;
  if (reset <= opts.now) return '📅:reset';
  const hours = Math.floor((reset - opts.now) / HOUR_MS);
  return `📅:${hours}h(${pct}%)@${formatWeekday(reset, opts.timeZone)}`;
}

/** The 5-hour segment `⏱:37%·2h` (`·45m` under an hour); `⏱:reset` once past; empty without a window. */
export function formatFiveHour(w: UsageWindow | null, opts: FormatOptions): string {
  if (!w) return '';
  const reset = getResetMs(w);
  const pct = formatPercent(w.utilization);
  if (reset == null) return `⏱:${pct}%`;
  if (reset <= opts.now) return '⏱:reset';
  const left = reset - opts.now;
  const until = left >= HOUR_MS ? `${Math.floor(left / HOUR_MS)}h` : `${Math.floor(left / MINUTE_MS)}m`;
  return `⏱:${pct}%·${until}`;
}

/** Age of data: `<1m`, `12m`, `3h`, `2d`; empty when unknown. */
export function formatAge(dataAt: number | null, now: number): string {
  if (dataAt == null) return '';
  const ms = Math.max(0, now - dataAt);
  if (ms < MINUTE_MS) return '<1m';
  if (ms < HOUR_MS) return `${Math.floor(ms / MINUTE_MS)}m`;
  if (ms < 48 * HOUR_MS) return `${Math.floor(ms / HOUR_MS)}h`;
  return `${Math.floor(ms / (24 * HOUR_MS))}d`;
}

/** The value of every documented token for a view. */
export function getTokenValues(view: StatuslineView, opts: FormatOptions): Record<string, string> {
  return {
    label: view.label,
    slot: view.slotId ?? '',
    email: view.email ?? '',
    state: view.state ? STATE_TEXT[view.state] : '',
    five_hour: formatFiveHour(view.five_hour, opts),
    weekly: formatWeekly(view.seven_day, opts),
    stale: view.stale ? '🔺' : '',
    age: formatAge(view.dataAt, opts.now),
    source: view.source === 'statusline' ? 'session' : view.source === 'endpoint' ? 'api' : '',
  };
}

/**
 * Fills `format` (default DEFAULT_STATUSLINE_FORMAT)'s `{token}`s; unknown tokens stay as typed so a typo
 * is visible. Line breaks become spaces, runs of spaces left by empty tokens collapse to one, and the
 * line is trimmed. A custom format may render empty (e.g. `{state}{stale}` when all is well): Claude Code
 * then shows no line, which is what such a format asks for.
 */
export function formatStatusline(view: StatuslineView, opts: FormatOptions & { format?: string }): string {
  const values = getTokenValues(view, opts);
  return (opts.format || DEFAULT_STATUSLINE_FORMAT)
    .replace(/\{([a-z_]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole))
    .replace(/[\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
