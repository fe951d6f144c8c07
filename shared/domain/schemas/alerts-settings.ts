/**
 * The `settings.alerts` block of the registry, as a person writes it (docs/alerts.md). A bad value never
 * rejects the registry: {@link readAlertsBlock} leaves it out (its default applies) and returns one
 * sentence naming the key, the value found and what is used instead. Good values keep their written
 * form, so reading a clean block again gives the same block; alerts/settings.ts turns it into the
 * settings the alert policy uses.
 */
import * as v from 'valibot';

export const ALERTS_KEY = 'settings.alerts';
const QUIET = `${ALERTS_KEY}.quiet_hours`;
const THRESHOLDS = `${ALERTS_KEY}.thresholds`;
const TIME_PATTERN = /^([01]?\d|2[0-3]):([0-5]\d)$/;

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);
const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes after midnight of a time like "22:00" or "7:30"; null when it is not one. */
export function parseClockTime(raw: unknown): number | null {
  const m = typeof raw === 'string' ? TIME_PATTERN.exec(raw.trim()) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const isPercent = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 100;

/** Ascending percentages per window; an empty list turns that window's alerts off. */
const percentages = (key: string) =>
  v.custom<number[]>(
    (x) => Array.isArray(x) && x.every(isPercent),
    (issue) =>
      `${key} must be a list of percentages between 1 and 100, e.g. [80, 95] (got ${show(issue.input)}).`,
  );

const days = (key: string, fallback: number) =>
  v.custom<number>(
    (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0,
    (issue) => `${key} must be a number of days, 0 or more (got ${show(issue.input)}); using ${fallback}.`,
  );

export const ThresholdsSchema = v.object({
  five_hour: v.optional(percentages(`${THRESHOLDS}.five_hour`)),
  seven_day: v.optional(percentages(`${THRESHOLDS}.seven_day`)),
});

/** An IANA zone for the quiet hours; null or absent: the machine's zone. */
export const TimeZoneSchema = v.nullable(
  v.custom<string>(
    (x) => typeof x === 'string' && isValidTimeZone(x),
    (issue) =>
      `${QUIET}.time_zone must be an IANA zone like "Europe/Berlin" (got ${show(issue.input)}); using local time.`,
  ),
);

type QuietHoursInput = { start: string; end: string; time_zone?: string | null };

/** `{ start: "22:00", end: "08:00", time_zone? }`; null or false: no quiet hours. */
export const QuietHoursSchema = v.pipe(
  v.custom<QuietHoursInput | null | false>(
    (x) => x === null || x === false || isRecord(x),
    (issue) =>
      `${QUIET} must be { start: "22:00", end: "08:00" } or null (got ${show(issue.input)}); no quiet hours.`,
  ),
  v.check(
    (q) => !q || (parseClockTime(q.start) !== null && parseClockTime(q.end) !== null),
    (issue) => {
      const q = issue.input as QuietHoursInput;
      return `${QUIET}.start and .end must be times like "22:00" (got ${show(q.start)}, ${show(q.end)}); no quiet hours.`;
    },
  ),
  v.check(
    (q) => !q || parseClockTime(q.start) !== parseClockTime(q.end),
    (issue) =>
      `${QUIET}.start and .end must differ (both ${show((issue.input as QuietHoursInput).start)}); no quiet hours.`,
  ),
  v.check(
    (q) => !q || q.time_zone === undefined || v.is(TimeZoneSchema, q.time_zone),
    (issue) =>
      v.safeParse(TimeZoneSchema, (issue.input as QuietHoursInput).time_zone).issues?.[0].message ?? '',
  ),
);

const ThresholdsMapSchema = v.custom<Record<string, unknown>>(
  isRecord,
  (issue) =>
    `${THRESHOLDS} must map five_hour / seven_day to lists (got ${show(issue.input)}); using [80, 95].`,
);

/** The block: every key optional. The type of `BrokerSettings.alerts`. */
export const AlertsBlockSchema = v.object({
  enabled: v.optional(
    v.boolean(
      (issue) => `${ALERTS_KEY}.enabled must be true or false (got ${show(issue.input)}); using true.`,
    ),
  ),
  thresholds: v.optional(v.pipe(ThresholdsMapSchema, ThresholdsSchema)),
  quiet_hours: v.optional(QuietHoursSchema),
  /** Run through `/bin/sh -c` with the alert as JSON on stdin. */
  notify_command: v.optional(
    v.custom<string | null>(
      (x) => x === null || (typeof x === 'string' && x.trim() !== ''),
      (issue) =>
        `${ALERTS_KEY}.notify_command must be a shell command string or null (got ${show(issue.input)}); not running one.`,
    ),
  ),
  login_expiry_warn_days: v.optional(days(`${ALERTS_KEY}.login_expiry_warn_days`, 3)),
  relogin_reminder_days: v.optional(days(`${ALERTS_KEY}.relogin_reminder_days`, 14)),
});

export type AlertsBlock = v.InferOutput<typeof AlertsBlockSchema>;

export interface AlertsBlockRead {
  /** The good values, in their written form; bad ones are left out. */
  block: AlertsBlock;
  /** One sentence per bad value. */
  errors: string[];
}

/** Each key of `entries` read on its own: a bad one is left out and its message kept. */
function readEach<E extends v.ObjectEntries>(
  entries: E,
  raw: Record<string, unknown>,
  errors: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entries)) {
    if (raw[key] === undefined) continue;
    const parsed = v.safeParse(entries[key], raw[key]);
    if (parsed.success) out[key] = parsed.output;
    else errors.push(parsed.issues[0].message);
  }
  return out;
}

/**
 * Reads `settings.alerts` leniently: absent → {}; not a mapping → {} and one error; otherwise each key
 * (and each window of `thresholds`, and the quiet hours' `time_zone`) on its own. Unknown keys are ignored.
 */
export function readAlertsBlock(raw: unknown): AlertsBlockRead {
  const errors: string[] = [];
  if (raw === undefined || raw === null) return { block: {}, errors };
  if (!isRecord(raw)) {
    errors.push(`${ALERTS_KEY} must be a mapping of alert settings (got ${show(raw)}); using the defaults.`);
    return { block: {}, errors };
  }
  const { thresholds: _t, quiet_hours: _q, ...rest } = AlertsBlockSchema.entries;
  const block = readEach(rest, raw, errors);
  // Each window on its own: a bad five_hour list leaves seven_day's alone.
  if (raw.thresholds !== undefined) {
    const map = v.safeParse(ThresholdsMapSchema, raw.thresholds);
    if (map.success) block.thresholds = readEach(ThresholdsSchema.entries, map.output, errors);
    else errors.push(map.issues[0].message);
  }
  // A bad time zone costs only the zone (the machine's is used), not the quiet hours.
  if (raw.quiet_hours !== undefined) {
    const { time_zone, ...hours } = isRecord(raw.quiet_hours) ? raw.quiet_hours : { time_zone: undefined };
    const parsed = v.safeParse(QuietHoursSchema, isRecord(raw.quiet_hours) ? hours : raw.quiet_hours);
    if (!parsed.success) errors.push(parsed.issues[0].message);
    else if (!parsed.output) block.quiet_hours = parsed.output;
    else {
      const { start, end } = parsed.output;
      const zone = time_zone === undefined ? null : v.safeParse(TimeZoneSchema, time_zone);
      if (zone && !zone.success) errors.push(zone.issues[0].message);
      block.quiet_hours = { start, end, ...(zone?.success ? { time_zone: zone.output } : {}) };
    }
  }
  return { block: orderLike(AlertsBlockSchema.entries, block) as AlertsBlock, errors };
}

/** The keys of `value` in the order of `entries` (so a block read twice gives the same JSON text). */
function orderLike(entries: v.ObjectEntries, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entries)) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
