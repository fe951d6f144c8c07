/**
 * The `settings.alerts` block of the registry, parsed and validated into a typed object with defaults.
 * Bad values never stop the broker: each one falls back to its default and yields a message.
 */

import { DEFAULT_LOGIN_EXPIRY_WARN_DAYS } from '../slot-state';
import type { BrokerSettings } from '../types';
import { DEFAULT_SETTINGS } from '../types';

export type UsageWindowName = 'five_hour' | 'seven_day';

export interface QuietHours {
  /** Minutes after local midnight, 0–1439. */
  start: number;
  end: number;
  /** IANA time zone; null means the machine's local zone. */
  time_zone: string | null;
}

export interface AlertSettings {
  enabled: boolean;
  /** Ascending percentages per window; an empty list turns that window's alerts off. */
  thresholds: Record<UsageWindowName, number[]>;
  quiet_hours: QuietHours | null;
  /** Run through `/bin/sh -c` with the alert as JSON on stdin. */
  notify_command: string | null;
  login_expiry_warn_days: number;
  relogin_reminder_days: number;
  /** Copied from the broker settings: data older than this is stale. */
  stale_threshold_s: number;
}

export interface AlertSettingsResult {
  settings: AlertSettings;
  /** One sentence per bad value, naming the key, the value and the default used instead. */
  errors: string[];
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  enabled: true,
  thresholds: { five_hour: [80, 95], seven_day: [80, 95] },
  quiet_hours: null,
  notify_command: null,
  login_expiry_warn_days: DEFAULT_LOGIN_EXPIRY_WARN_DAYS,
  relogin_reminder_days: 14,
  stale_threshold_s: DEFAULT_SETTINGS.stale_threshold_s,
};

const TIME_PATTERN = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const KEY = 'settings.alerts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

function parseThresholds(raw: unknown, key: string, errors: string[]): number[] | null {
  if (
    !Array.isArray(raw) ||
    !raw.every((n) => typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 100)
  ) {
    errors.push(`${key} must be a list of percentages between 1 and 100, e.g. [80, 95] (got ${show(raw)}).`);
    return null;
  }
  return [...new Set(raw as number[])].sort((a, b) => a - b);
}

function parseTime(raw: unknown): number | null {
  const m = typeof raw === 'string' ? TIME_PATTERN.exec(raw.trim()) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseQuietHours(raw: unknown, errors: string[]): QuietHours | null {
  if (raw === null || raw === undefined || raw === false) return null;
  const key = `${KEY}.quiet_hours`;
  if (!isRecord(raw)) {
    errors.push(
      `${key} must be { start: "22:00", end: "08:00" } or null (got ${show(raw)}); no quiet hours.`,
    );
    return null;
  }
  const start = parseTime(raw.start);
  const end = parseTime(raw.end);
  if (start === null || end === null) {
    errors.push(
      `${key}.start and .end must be times like "22:00" (got ${show(raw.start)}, ${show(raw.end)}); no quiet hours.`,
    );
    return null;
  }
  if (start === end) {
    errors.push(`${key}.start and .end must differ (both ${show(raw.start)}); no quiet hours.`);
    return null;
  }
  let zone: string | null = null;
  if (raw.time_zone !== undefined && raw.time_zone !== null) {
    if (typeof raw.time_zone === 'string' && isValidTimeZone(raw.time_zone)) zone = raw.time_zone;
    else
      errors.push(
        `${key}.time_zone must be an IANA zone like "Europe/Berlin" (got ${show(raw.time_zone)}); using local time.`,
      );
  }
  return { start, end, time_zone: zone };
}

/** Upper bound of the `*_days` settings (docs/alerts.md): a year; more would overflow nothing but means nothing. */
export const MAX_ALERT_DAYS = 365;

function parseDays(raw: unknown, key: string, fallback: number, errors: string[]): number {
  if (raw === undefined) return fallback;
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= MAX_ALERT_DAYS) return raw;
  errors.push(
    `${key} must be a number of days from 0 to ${MAX_ALERT_DAYS} (got ${show(raw)}); using ${fallback}.`,
  );
  return fallback;
}

/**
 * Reads `settings.alerts` from the broker settings. Unknown keys are ignored; every bad value is
 * replaced by its default and reported in `errors`.
 */
export function getAlertSettings(settings: Partial<BrokerSettings> | null | undefined): AlertSettingsResult {
  const d = DEFAULT_ALERT_SETTINGS;
  const errors: string[] = [];
  const stale =
    typeof settings?.stale_threshold_s === 'number' && settings.stale_threshold_s > 0
      ? settings.stale_threshold_s
      : d.stale_threshold_s;
  const raw = settings?.alerts;
  if (raw === undefined || raw === null) return { settings: { ...d, stale_threshold_s: stale }, errors };
  if (!isRecord(raw)) {
    errors.push(`${KEY} must be a mapping of alert settings (got ${show(raw)}); using the defaults.`);
    return { settings: { ...d, stale_threshold_s: stale }, errors };
  }

  let enabled = d.enabled;
  if (raw.enabled !== undefined) {
    if (typeof raw.enabled === 'boolean') enabled = raw.enabled;
    else errors.push(`${KEY}.enabled must be true or false (got ${show(raw.enabled)}); using true.`);
  }

  const thresholds = { ...d.thresholds };
  if (raw.thresholds !== undefined) {
    if (!isRecord(raw.thresholds)) {
      errors.push(
        `${KEY}.thresholds must map five_hour / seven_day to lists (got ${show(raw.thresholds)}); using [80, 95].`,
      );
    } else {
      for (const w of ['five_hour', 'seven_day'] as const) {
        if (raw.thresholds[w] === undefined) continue;
        thresholds[w] =
          parseThresholds(raw.thresholds[w], `${KEY}.thresholds.${w}`, errors) ?? d.thresholds[w];
      }
    }
  }

  let notify: string | null = null;
  if (raw.notify_command !== undefined && raw.notify_command !== null) {
    if (typeof raw.notify_command === 'string' && raw.notify_command.trim() !== '')
      notify = raw.notify_command;
    else
      errors.push(
        `${KEY}.notify_command must be a shell command string or null (got ${show(raw.notify_command)}); not running one.`,
      );
  }

  return {
    settings: {
      enabled,
      thresholds,
      quiet_hours: parseQuietHours(raw.quiet_hours, errors),
      notify_command: notify,
      login_expiry_warn_days: parseDays(
        raw.login_expiry_warn_days,
        `${KEY}.login_expiry_warn_days`,
        d.login_expiry_warn_days,
        errors,
      ),
      relogin_reminder_days: parseDays(
        raw.relogin_reminder_days,
        `${KEY}.relogin_reminder_days`,
        d.relogin_reminder_days,
        errors,
      ),
      stale_threshold_s: stale,
    },
    errors,
  };
}
