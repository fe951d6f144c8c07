/**
 * Pace in words, for every surface (docs/statusline.md "Pace"): the popover's sentence under a bar
 * ("On pace for 64% at reset", "Runs out ~Thu 14:00, resets Fri 09:00") and the short forms of the
 * statusline tokens and the tray title (`→64%`, `out~Thu 14:00`). Pure: `now` and the zone are arguments.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../format/duration';
import {
  isRunningOut,
  PACE_MIN_POINTS,
  PACE_MIN_SPAN_MS,
  type PaceWindowName,
  type WindowPace,
} from './window-pace';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

interface LocalParts {
  day: string;
  weekday: string;
  time: string;
}

/** Weekday, `HH:MM` and a day key of `ms` in `timeZone` (local time when undefined or unknown). */
function getLocalParts(ms: number, timeZone?: string): LocalParts {
  if (timeZone) {
    try {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(ms);
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      return {
        day: `${get('year')}-${get('month')}-${get('day')}`,
        weekday: get('weekday'),
        time: `${get('hour')}:${get('minute')}`,
      };
    } catch {
      // An unknown zone falls back to local time rather than losing the text.
    }
  }
  const d = new Date(ms);
  return {
    day: `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`,
    weekday: WEEKDAYS[d.getDay()] ?? '?',
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/** `14:20` on `now`'s day, `Thu 14:20` on another day (within the week a window can span). */
export function formatPaceClock(ms: number, now: number, timeZone?: string): string {
  const at = getLocalParts(ms, timeZone);
  if (Math.abs(ms - now) < DAY_MS && at.day === getLocalParts(now, timeZone).day) return at.time;
  return `${at.weekday} ${at.time}`;
}

function formatSpan(ms: number): string {
  return ms >= HOUR_MS ? `${Math.round(ms / HOUR_MS)} h` : `${Math.round(ms / MINUTE_MS)} min`;
}

/**
 * The sentence under a window's bar, or null when there is nothing to say (no window, no reset time,
 * or the reset has passed and a new window has not been seen yet).
 */
export function getPaceSentence(
  name: PaceWindowName,
  pace: WindowPace | null | undefined,
  now: number,
  timeZone?: string,
): string | null {
  if (!pace) return null;
  if (pace.status === 'unknown') {
    if (pace.reason === 'too_few_points')
      return `Pace: collecting history (${pace.points} of ${PACE_MIN_POINTS} readings)`;
    if (pace.reason === 'too_short_span')
      return `Pace: collecting history (needs ${formatSpan(PACE_MIN_SPAN_MS[name])} of readings)`;
    return null;
  }
  const reset = Date.parse(pace.resets_at);
  if (Number.isNaN(reset) || reset <= now) return null;
  const resets = `resets ${formatPaceClock(reset, now, timeZone)}`;
  if (pace.runs_out_at === null) return `On pace for ${Math.round(pace.at_reset)}% at reset`;
  const when = formatPaceClock(pace.runs_out_at, now, timeZone);
  return pace.runs_out_at <= now ? `Ran out ${when}, ${resets}` : `Runs out ~${when}, ${resets}`;
}

/**
 * The short form for a statusline token or the tray title: `→64%` (projected at reset), `out~14:20`
 * (runs out then, before the reset), `out` (already), `→…` (collecting history); empty when there is
 * nothing to project.
 */
export function getPaceShort(pace: WindowPace | null | undefined, now: number, timeZone?: string): string {
  if (!pace) return '';
  if (pace.status === 'unknown')
    return pace.reason === 'too_few_points' || pace.reason === 'too_short_span' ? '→…' : '';
  const reset = Date.parse(pace.resets_at);
  if (Number.isNaN(reset) || reset <= now) return '';
  if (pace.runs_out_at === null) return `→${Math.round(pace.at_reset)}%`;
  if (pace.runs_out_at <= now) return 'out';
  return `out~${formatPaceClock(pace.runs_out_at, now, timeZone)}`;
}

/**
 * The window a one-item pace display (the statusline's `{pace}`, the tray's pace title) speaks for: one
 * that runs out before its reset (the earlier of the two), else the weekly one when it has something to
 * say, else the 5-hour one.
 */
export function getPressingPaceWindow(
  pace: Record<PaceWindowName, WindowPace | null | undefined>,
  now: number,
): PaceWindowName {
  const outAt = (p: WindowPace | null | undefined) =>
    isRunningOut(p) && getPaceShort(p, now) !== '' ? (p as { runs_out_at: number }).runs_out_at : null;
  const five = outAt(pace.five_hour);
  const week = outAt(pace.seven_day);
  if (five !== null && (week === null || five <= week)) return 'five_hour';
  if (week !== null) return 'seven_day';
  return getPaceShort(pace.seven_day, now) ? 'seven_day' : 'five_hour';
}
