/** Wall-clock times for the UI. Locale and time zone are parameters so tests are deterministic. */
import { DAY_MS } from '../../shared/domain/format/duration';

export interface ClockOptions {
  locale?: string;
  timeZone?: string;
}

function dayKey(ms: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

/**
 * A moment as a short local time: `14:02` today, `Tue 14:02` within a week, `12 Mar 14:02` beyond.
 */
export function formatClock(ms: number, now: number, options: ClockOptions = {}): string {
  const { locale = 'en-GB', timeZone } = options;
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  if (dayKey(ms, timeZone) === dayKey(now, timeZone)) return time.format(ms);
  const withinWeek = Math.abs(ms - now) < 6 * DAY_MS;
  const day = new Intl.DateTimeFormat(
    locale,
    withinWeek ? { timeZone, weekday: 'short' } : { timeZone, day: 'numeric', month: 'short' },
  );
  return `${day.format(ms)} ${time.format(ms)}`;
}
