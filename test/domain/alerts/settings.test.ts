/** settings.alerts parsing: defaults, valid values, and a clear message for each bad value. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS, getAlertSettings } from '../../../shared/domain/alerts/settings';
import { readAlertsBlock } from '../../../shared/domain/schemas/alerts-settings';

describe('getAlertSettings', () => {
  it('gives the defaults when there is no alerts block', () => {
    expect(getAlertSettings({ stale_threshold_s: 900 })).toEqual({
      settings: { ...DEFAULT_ALERT_SETTINGS, stale_threshold_s: 900 },
      errors: [],
    });
    expect(DEFAULT_ALERT_SETTINGS).toMatchObject({
      enabled: true,
      thresholds: { five_hour: [80, 95], seven_day: [80, 95] },
      quiet_hours: null,
      notify_command: null,
      login_expiry_warn_days: 3,
      relogin_reminder_days: 14,
    });
  });

  it('reads every key', () => {
    const { settings, errors } = getAlertSettings({
      alerts: {
        enabled: false,
        thresholds: { five_hour: [95, 70, 70], seven_day: [] },
        quiet_hours: { start: '22:30', end: '7:00', time_zone: 'Europe/Berlin' },
        notify_command: 'curl -d @- ntfy.sh/me',
        login_expiry_warn_days: 5,
        relogin_reminder_days: 0,
      },
    });
    expect(errors).toEqual([]);
    expect(settings).toMatchObject({
      enabled: false,
      thresholds: { five_hour: [70, 95], seven_day: [] },
      quiet_hours: { start: 22 * 60 + 30, end: 7 * 60, time_zone: 'Europe/Berlin' },
      notify_command: 'curl -d @- ntfy.sh/me',
      login_expiry_warn_days: 5,
      relogin_reminder_days: 0,
    });
  });

  it.each([
    [{ enabled: 'yes' }, 'settings.alerts.enabled must be true or false', { enabled: true }],
    [
      { thresholds: { five_hour: [80, 120] } },
      'settings.alerts.thresholds.five_hour must be a list of percentages',
      { thresholds: { five_hour: [80, 95], seven_day: [80, 95] } },
    ],
    [
      { thresholds: { seven_day: '80' } },
      'settings.alerts.thresholds.seven_day',
      { thresholds: { five_hour: [80, 95], seven_day: [80, 95] } },
    ],
    [
      { thresholds: 5 },
      'settings.alerts.thresholds must map',
      { thresholds: { five_hour: [80, 95], seven_day: [80, 95] } },
    ],
    [
      { quiet_hours: { start: '25:00', end: '08:00' } },
      'settings.alerts.quiet_hours.start and .end must be times like "22:00"',
      { quiet_hours: null },
    ],
    [{ quiet_hours: { start: '08:00', end: '08:00' } }, 'must differ', { quiet_hours: null }],
    [{ quiet_hours: '22-08' }, 'settings.alerts.quiet_hours must be', { quiet_hours: null }],
    [
      { quiet_hours: { start: '22:00', end: '08:00', time_zone: 'Mars/Base' } },
      'time_zone must be an IANA zone',
      { quiet_hours: { start: 1320, end: 480, time_zone: null } },
    ],
    [
      { notify_command: 42 },
      'settings.alerts.notify_command must be a shell command string',
      { notify_command: null },
    ],
    [
      { login_expiry_warn_days: -1 },
      'settings.alerts.login_expiry_warn_days must be a number of days',
      { login_expiry_warn_days: 3 },
    ],
    [
      { relogin_reminder_days: 'two weeks' },
      'settings.alerts.relogin_reminder_days',
      { relogin_reminder_days: 14 },
    ],
  ])('%j is reported and defaulted', (alerts, message, expected) => {
    const { settings, errors } = getAlertSettings({ alerts });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
    expect(settings).toMatchObject(expected);
  });

  it('rejects a non-mapping alerts block as a whole', () => {
    const { settings, errors } = getAlertSettings({ alerts: ['on'] });
    expect(errors[0]).toMatch(/settings\.alerts must be a mapping/);
    expect(settings.enabled).toBe(true);
  });

  it('a block with its bad values left out reads back as itself, with no message (the registry stores it so)', () => {
    const first = readAlertsBlock({
      notify_command: 'true',
      enabled: 'no',
      quiet_hours: { start: '22:00', end: '08:00', time_zone: 'Mars/Base', colour: 'blue' },
      thresholds: { seven_day: [95, 80] },
      unknown_key: 1,
    });
    expect(first.errors).toHaveLength(2);
    expect(first.block).toEqual({
      thresholds: { seven_day: [95, 80] },
      quiet_hours: { start: '22:00', end: '08:00' },
      notify_command: 'true',
    });
    const again = readAlertsBlock(JSON.parse(JSON.stringify(first.block)));
    expect(again.errors).toEqual([]);
    expect(JSON.stringify(again.block)).toBe(JSON.stringify(first.block));
  });
});
