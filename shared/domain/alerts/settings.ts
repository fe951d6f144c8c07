/**
 * The alert settings the policy uses, from the `settings.alerts` block of the registry (its schema:
 * domain/schemas/alerts-settings.ts) with a default for every key. Bad values never stop the broker:
 * each one falls back to its default and yields a message.
 */
import { parseClockTime, readAlertsBlock } from '../schemas/alerts-settings';
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

const ascending = (list: number[]): number[] => [...new Set(list)].sort((a, b) => a - b);

/**
 * Reads `settings.alerts` from the broker settings. Unknown keys are ignored; every bad value is
 * replaced by its default and reported in `errors`. The registry reader has already left bad values out
 * (and reported them), so for its settings `errors` is empty; other callers may pass anything.
 */
export function getAlertSettings(
  settings: (Pick<Partial<BrokerSettings>, 'stale_threshold_s'> & { alerts?: unknown }) | null | undefined,
): AlertSettingsResult {
  const d = DEFAULT_ALERT_SETTINGS;
  const stale =
    typeof settings?.stale_threshold_s === 'number' && settings.stale_threshold_s > 0
      ? settings.stale_threshold_s
      : d.stale_threshold_s;
  const { block, errors } = readAlertsBlock(settings?.alerts);
  const quiet = block.quiet_hours || null;
  return {
    settings: {
      enabled: block.enabled ?? d.enabled,
      thresholds: {
        five_hour: block.thresholds?.five_hour
          ? ascending(block.thresholds.five_hour)
          : d.thresholds.five_hour,
        seven_day: block.thresholds?.seven_day
          ? ascending(block.thresholds.seven_day)
          : d.thresholds.seven_day,
      },
      quiet_hours: quiet && {
        start: parseClockTime(quiet.start) ?? 0,
        end: parseClockTime(quiet.end) ?? 0,
        time_zone: quiet.time_zone ?? null,
      },
      notify_command: block.notify_command ?? null,
      login_expiry_warn_days: block.login_expiry_warn_days ?? d.login_expiry_warn_days,
      relogin_reminder_days: block.relogin_reminder_days ?? d.relogin_reminder_days,
      stale_threshold_s: stale,
    },
    errors,
  };
}
