import { describe, expect, it } from 'vitest';
import { getDeliveryFindings } from '../../../shared/domain/doctor/delivery-findings';
import { getDoctorReport } from '../../../shared/domain/doctor/report';
import type { AlertDeliveryFacts, DeliveryFailure, GlobalFacts } from '../../../shared/domain/doctor/types';
import { globalFacts, HOUR, MIN, NOW, slotFacts } from './facts';

const LOG = '/home/me/.claude/session-health/broker.log';
const REGISTRY = '/home/me/.claude/session-health/claude-sessions.yaml';
const OSASCRIPT = { name: 'osascript' as const, path: '/usr/bin/osascript' };
const noBroker = { alive: false, pid: null, surface: null, heartbeatAgeMs: null, lastCycleAt: null };

function facts(
  delivery: Partial<AlertDeliveryFacts>,
  over: Partial<GlobalFacts> = {},
  failures: DeliveryFailure[] = [],
) {
  const g = globalFacts(over);
  return { ...g, delivery: { ...g.delivery, ...delivery }, log: { ...g.log, deliveryFailures: failures } };
}
const findings = (g: GlobalFacts) =>
  getDeliveryFindings(g, NOW).map((f) => ({ level: f.level, code: f.code, message: f.message, fix: f.fix }));

const sendFailed = (at: number): DeliveryFailure => ({
  at,
  channel: 'desktop',
  text: 'Could not show the alert with notify-send: notify-send failed: Cannot autolaunch D-Bus without X11 $DISPLAY',
});
const commandFailed = (at: number): DeliveryFailure => ({
  at,
  channel: 'notify_command',
  text: 'notify_command exited with code 6: curl: (6) Could not resolve host: ntfy.sh',
});

describe('getDeliveryFindings: does an alert reach someone?', () => {
  it.each([
    ['Linux desktop: notify-send with a display and a session bus', {}, 'notify-send'],
    [
      'headless Linux with a notify_command',
      { notifier: null, display: false, notifyCommand: true },
      'the notify_command',
    ],
    ['macOS with osascript', { platform: 'darwin', notifier: OSASCRIPT }, 'osascript'],
    ['both', { notifyCommand: true }, 'notify-send and the notify_command'],
  ] as const)('%s: ok, naming the channels', (_name, delivery, channels) => {
    expect(findings(facts(delivery))).toEqual([
      { level: 'ok', code: 'alert_delivery', message: `alerts reach you through ${channels}`, fix: null },
    ]);
  });

  it('the menu-bar app as the broker shows its own notifications: ok without any notifier', () => {
    const g = facts(
      { notifier: null, display: false },
      { broker: { alive: true, pid: 7, surface: 'app', heartbeatAgeMs: 1000, lastCycleAt: NOW - MIN } },
    );
    expect(findings(g)[0]).toMatchObject({
      level: 'ok',
      message: "alerts reach you through the menu-bar app's notifications",
    });
  });

  it.each([
    [
      'no notify-send (headless server)',
      { notifier: null, display: false },
      'notify-send is not installed (not on PATH)',
      true,
    ],
    [
      'notify-send but no display on this machine',
      { display: false },
      'this machine has no desktop display for notify-send (no DISPLAY, WAYLAND_DISPLAY or display socket)',
      false,
    ],
    [
      'notify-send and a display but no session bus',
      { sessionBus: false },
      'notify-send finds no D-Bus session bus (no DBUS_SESSION_BUS_ADDRESS, no /run/user/<uid>/bus)',
      false,
    ],
  ] as const)(
    '%s and no notify_command: a warning naming why and the fixes',
    (_n, delivery, why, install) => {
      const [f, ...rest] = findings(facts({ ...delivery, platform: 'linux' }, { broker: noBroker }));
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ level: 'warn', code: 'no_alert_channel' });
      expect(f.message).toBe(
        `no alert can reach you: ${why}; no notify_command is set — a dead login or all slots inactive would only be written to the log`,
      );
      expect(f.fix?.includes('apt install libnotify-bin')).toBe(install);
      expect(f.fix).toContain(`set alerts.notify_command in ${REGISTRY}`);
      expect(f.fix).toContain('https://ntfy.sh/<topic>');
      expect(f.fix).toContain('mail -s "$QUOTA_BROKER_ALERT_TITLE"');
      expect(f.fix).toContain('docs/alerts.md');
    },
  );

  it('macOS without osascript: the fix is a notify_command, not a Linux package', () => {
    const [f] = findings(facts({ platform: 'darwin', notifier: null }));
    expect(f.message).toContain('osascript is not installed');
    expect(f.fix).not.toContain('apt');
    expect(f.fix).toContain('alerts.notify_command');
  });

  it('notify-send that failed in the last 24h does not count; a failure older than that does not matter', () => {
    const recent = findings(
      facts({}, {}, [sendFailed(NOW - 30 * HOUR), sendFailed(NOW - 2 * HOUR), sendFailed(NOW - MIN)]),
    );
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({ level: 'warn', code: 'no_alert_channel' });
    expect(recent[0].message).toContain(
      'notify-send failed 2 times in the last 24h (latest: Could not show the alert with notify-send: notify-send failed: Cannot autolaunch D-Bus',
    );
    expect(findings(facts({}, {}, [sendFailed(NOW - 30 * HOUR)]))[0].level).toBe('ok');
  });

  it('a failing notify_command: the only channel → no channel, fix the command; beside notify-send → ok plus a warning', () => {
    const alone = findings(facts({ notifier: null, notifyCommand: true }, {}, [commandFailed(NOW - MIN)]));
    expect(alone).toHaveLength(1);
    expect(alone[0].message).toContain(
      'the notify_command failed once in the last 24h (latest: notify_command exited with code 6',
    );
    expect(alone[0].fix).toBe(
      `install notify-send where a desktop runs (Debian/Ubuntu: apt install libnotify-bin), or fix the notify_command in ${REGISTRY} (see the log: ${LOG})`,
    );
    const beside = findings(facts({ notifyCommand: true }, {}, [commandFailed(NOW - MIN)]));
    expect(beside.map((f) => `${f.level}:${f.code}`)).toEqual([
      'ok:alert_delivery',
      'warn:notify_command_failing',
    ]);
    expect(beside[0].message).toBe('alerts reach you through notify-send');
  });

  it('alerts turned off: a warning that says so, whatever channels exist', () => {
    expect(findings(facts({ enabled: false, notifyCommand: true }))).toEqual([
      {
        level: 'warn',
        code: 'alerts_disabled',
        message:
          'alerts are turned off (alerts.enabled: false): a dead login or stale numbers notify nobody; they are only in the log',
        fix: `set alerts.enabled: true in ${REGISTRY} (docs/alerts.md)`,
      },
    ]);
  });

  it('no channel is a warning: the doctor still exits 0', () => {
    const report = getDoctorReport(
      { global: facts({ notifier: null }), slots: [slotFacts()], online: false },
      NOW,
    );
    expect(report).toMatchObject({ problems: 0, warnings: 1, exitCode: 0 });
  });
});
