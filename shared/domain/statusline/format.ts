/**
 * Renders a StatuslineView as one line from a format string with `{token}`s (docs/statusline.md).
 * Pure: `now` and the time zone are arguments.
 */
import { getPaceShort, getPressingPaceWindow } from '../pace/pace-text';
import type { WindowPace } from '../pace/window-pace';
import type { UsageWindow } from '../types';
import { getWindowPhase } from '../usage-window';
import { dimmed, getUsageSgr, type LineColors, paint, type Sgr } from './paint';
import type { StatuslineState, StatuslineView } from './view';

/** The default line: `Work ⏱:37%·2h 📅:27h(51%)@Tue`, with a state and `🔺` only when they apply. */
export const DEFAULT_STATUSLINE_FORMAT = '{label} {state} {five_hour} {weekly}{stale}';

/**
 * The default of `statusline --segment` (inside ccstatusline or claude-powerline, next to the host's own
 * widgets, which may already show the session's 5-hour window): which account, its state, the weekly
 * window and where it is heading.
 */
export const DEFAULT_SEGMENT_FORMAT = '{label} {state} {weekly} {pace}{stale}';

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
  const at = getWindowPhase(w, opts.now);
  switch (at.phase) {
    case 'none':
      return '📅:?';
    case 'no_reset':
      return `📅:?h(${formatPercent(at.utilization)}%)`;
    case 'reset':
      return '📅:reset';
    case 'running': {
      const hours = Math.floor(at.leftMs / HOUR_MS);
      return `📅:${hours}h(${formatPercent(at.utilization)}%)@${formatWeekday(at.resetAt, opts.timeZone)}`;
    }
  }
}

/** The 5-hour segment `⏱:37%·2h` (`·45m` under an hour); `⏱:reset` once past; empty without a window. */
export function formatFiveHour(w: UsageWindow | null, opts: FormatOptions): string {
  const at = getWindowPhase(w, opts.now);
  switch (at.phase) {
    case 'none':
      return '';
    case 'no_reset':
      return `⏱:${formatPercent(at.utilization)}%`;
    case 'reset':
      return '⏱:reset';
    case 'running': {
      const left = at.leftMs;
      const until = left >= HOUR_MS ? `${Math.floor(left / HOUR_MS)}h` : `${Math.floor(left / MINUTE_MS)}m`;
      return `⏱:${formatPercent(at.utilization)}%·${until}`;
    }
  }
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

const PACE_PREFIX = { five_hour: '⏱', seven_day: '📅' } as const;

/** A window's pace token (`📅→64%`, `⏱out~14:20`, `📅→…`), empty when there is nothing to project. */
export function formatPace(
  name: 'five_hour' | 'seven_day',
  pace: WindowPace | null,
  opts: FormatOptions,
): string {
  const short = getPaceShort(pace, opts.now, opts.timeZone);
  return short ? `${PACE_PREFIX[name]}${short}` : '';
}

/** Red: only a new login or the person helps. Amber: the broker is held back. Dim: nothing to act on. */
const STATE_SGR: Record<StatuslineState, Sgr> = {
  all_inactive: '31',
  login_dead: '31',
  no_credentials: '31',
  inactive: '31',
  rate_limited: '33',
  offline: '33',
  disabled: '2',
  unregistered: '33',
  no_cache: '2',
};

/** A window's usage colour while its numbers are current (not reset, known), dimmed when stale. */
function getWindowSgr(w: UsageWindow | null, view: StatuslineView, colors: LineColors, now: number) {
  if (!w || !Number.isFinite(w.utilization)) return null;
  if (getWindowPhase(w, now).phase === 'reset') return null;
  const sgr = getUsageSgr(w.utilization, colors.thresholds);
  return view.stale ? dimmed(sgr) : sgr;
}

function getPaceSgr(pace: WindowPace | null, view: StatuslineView, colors: LineColors): Sgr | null {
  if (!pace) return null;
  if (pace.status === 'unknown') return '2';
  const sgr = pace.runs_out_at !== null ? '31' : getUsageSgr(pace.at_reset, colors.thresholds);
  return view.stale ? dimmed(sgr) : sgr;
}

interface Token {
  text(view: StatuslineView, opts: FormatOptions): string;
  /** Its colour under `colors`; absent or null leaves it uncoloured. */
  sgr?(view: StatuslineView, opts: FormatOptions, colors: LineColors): Sgr | null;
}

const pressing = (view: StatuslineView, opts: FormatOptions) => getPressingPaceWindow(view.pace, opts.now);

/**
 * Every documented token: its text and its colour. Only the tokens a format names are computed (the
 * statusline runs on every update; the default line computes no pace at all).
 */
const TOKENS: Record<string, Token> = {
  label: { text: (v) => v.label },
  slot: { text: (v) => v.slotId ?? '' },
  email: { text: (v) => v.email ?? '' },
  state: {
    text: (v) => (v.state ? STATE_TEXT[v.state] : ''),
    sgr: (v) => (v.state ? STATE_SGR[v.state] : null),
  },
  five_hour: {
    text: (v, o) => formatFiveHour(v.five_hour, o),
    sgr: (v, o, c) => getWindowSgr(v.five_hour, v, c, o.now),
  },
  weekly: {
    text: (v, o) => formatWeekly(v.seven_day, o),
    sgr: (v, o, c) => getWindowSgr(v.seven_day, v, c, o.now),
  },
  stale: { text: (v) => (v.stale ? '🔺' : '') },
  age: { text: (v, o) => formatAge(v.dataAt, o.now), sgr: (v) => (v.stale ? '2' : null) },
  source: {
    text: (v) => (v.source === 'statusline' ? 'session' : v.source === 'endpoint' ? 'api' : ''),
  },
  pace: {
    text: (v, o) => {
      const name = pressing(v, o);
      return formatPace(name, v.pace[name], o);
    },
    sgr: (v, o, c) => getPaceSgr(v.pace[pressing(v, o)], v, c),
  },
  pace_five_hour: {
    text: (v, o) => formatPace('five_hour', v.pace.five_hour, o),
    sgr: (v, _o, c) => getPaceSgr(v.pace.five_hour, v, c),
  },
  pace_weekly: {
    text: (v, o) => formatPace('seven_day', v.pace.seven_day, o),
    sgr: (v, _o, c) => getPaceSgr(v.pace.seven_day, v, c),
  },
};

/** The value of every documented token for a view (plain text). */
export function getTokenValues(view: StatuslineView, opts: FormatOptions): Record<string, string> {
  return Object.fromEntries(Object.entries(TOKENS).map(([name, t]) => [name, t.text(view, opts)]));
}

/**
 * Fills `format` (default DEFAULT_STATUSLINE_FORMAT)'s `{token}`s; unknown tokens stay as typed so a typo
 * is visible. Line breaks become spaces, runs of spaces left by empty tokens collapse to one, and the
 * line is trimmed. A custom format may render empty (e.g. `{state}{stale}` when all is well): Claude Code
 * then shows no line, which is what such a format asks for.
 */
export function formatStatusline(
  view: StatuslineView,
  opts: FormatOptions & { format?: string; colors?: LineColors | null },
): string {
  const { colors } = opts;
  return (opts.format || DEFAULT_STATUSLINE_FORMAT)
    .replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
      if (!Object.hasOwn(TOKENS, name)) return whole;
      const token = TOKENS[name];
      const text = token.text(view, opts);
      return colors && text && token.sgr ? paint(text, token.sgr(view, opts, colors)) : text;
    })
    .replace(/[\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
