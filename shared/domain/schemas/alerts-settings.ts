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

/** Upper bound of the `*_days` settings (docs/alerts.md): a year; more would mean nothing. */
export const MAX_ALERT_DAYS = 365;

const days = (key: string, fallback: number) =>
  v.custom<number>(
    (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= MAX_ALERT_DAYS,
    (issue) =>
      `${key} must be a number of days from 0 to ${MAX_ALERT_DAYS} (got ${show(issue.input)}); using ${fallback}.`,
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

/** `{ start: "22:00", end: "08:00", time_zone? }`; null or false: no quiet hours. The zone is read apart. */
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

/** One value through its schema: the output, or undefined and its message in `errors`. */
function readOne(schema: v.GenericSchema, value: unknown, errors: string[]): unknown {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) errors.push(parsed.issues[0].message);
  return parsed.success ? parsed.output : undefined;
}

/** Each window on its own: a bad five_hour list leaves seven_day's alone. */
function readThresholds(value: unknown, errors: string[]): unknown {
  const map = readOne(ThresholdsMapSchema, value, errors) as Record<string, unknown> | undefined;
  if (!map) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(ThresholdsSchema.entries)) {
    const list = map[key] === undefined ? undefined : readOne(schema, map[key], errors);
    if (list !== undefined) out[key] = list;
  }
  return out;
}

/** A bad time zone costs only the zone (the machine's is used), not the quiet hours. */
function readQuietHours(value: unknown, errors: string[]): unknown {
  const { time_zone, ...hours } = isRecord(value) ? value : { time_zone: undefined };
  const read = readOne(QuietHoursSchema, isRecord(value) ? hours : value, errors) as
    | QuietHoursInput
    | null
    | false;
  if (!read) return read;
  const zone = time_zone === undefined ? undefined : readOne(TimeZoneSchema, time_zone, errors);
  return { start: read.start, end: read.end, ...(zone !== undefined ? { time_zone: zone } : {}) };
}

/**
 * Reads `settings.alerts` leniently: absent → {}; not a mapping → {} and one error; otherwise each key
 * on its own, in the schema's order (so a block read twice gives the same JSON text). Unknown keys are
 * ignored.
 */
export function readAlertsBlock(raw: unknown): AlertsBlockRead {
  const errors: string[] = [];
  if (raw === undefined || raw === null) return { block: {}, errors };
  if (!isRecord(raw)) {
    errors.push(`${ALERTS_KEY} must be a mapping of alert settings (got ${show(raw)}); using the defaults.`);
    return { block: {}, errors };
  }
  const block: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(AlertsBlockSchema.entries)) {
    if (raw[key] === undefined) continue;
    const read =
      key === 'thresholds'
        ? readThresholds(raw[key], errors)
        : key === 'quiet_hours'
          ? readQuietHours(raw[key], errors)
          : readOne(schema, raw[key], errors);
    if (read !== undefined) block[key] = read;
  }
  return { block: block as AlertsBlock, errors };
}
