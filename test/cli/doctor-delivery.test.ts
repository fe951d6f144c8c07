/**
 * doctor: does an alert reach anyone? On a headless machine without notify-send and without a
 * notify_command, alerts land in broker.log only — the original failure — and the doctor says so with the
 * fixes; a notifier with a desktop, a notify_command, or a notifier that failed for real are told apart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { ON_LINUX } from '../support/platform';
import { runCli } from '../support/run-cli';
import { createDoctorHome, type DoctorHome, findingsOf } from './doctor-support';

let fake: FakeAnthropic;
let h: DoctorHome;

beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  h?.home.cleanup();
  await fake.close();
});

const ONE = [{ id: 'slot-1', email: 'one@example.com' }];
const alertFindings = (report: Awaited<ReturnType<DoctorHome['json']>>['report']) =>
  report.findings.filter((f) =>
    ['alert_delivery', 'no_alert_channel', 'notify_command_failing', 'alerts_disabled'].includes(f.code),
  );

describe.runIf(ON_LINUX)('quota-broker doctor: alert delivery', () => {
  it('headless, no notify-send, no notify_command: a warning naming the fixes; exit 0 stays', async () => {
    h = createDoctorHome(fake, { slots: ONE });
    expect((await runCli(['refresh'], h.env())).code).toBe(0);
    // Only the stand-ins on PATH: whatever this machine has installed cannot answer for it.
    const only = { PATH: h.bin.dir };
    const run = await h.doctor([], only);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('! no alert can reach you: notify-send is not installed (not on PATH)');
    expect(run.stdout).toContain('apt install libnotify-bin');
    expect(run.stdout).toContain(`set alerts.notify_command in ${h.home.registry}`);
    expect(run.stdout).toContain('docs/alerts.md');
    const { report } = await h.json([], only);
    expect(alertFindings(report).map((f) => `${f.level}:${f.code}`)).toEqual(['warn:no_alert_channel']);
    expect(report.global.alerts).toMatchObject({
      enabled: true,
      notify_command: false,
      notifier: null,
      delivery_failures: [],
    });
  });

  it('notify-send with a display and a session bus, or a notify_command: ok, naming the channel', async () => {
    h = createDoctorHome(fake, { slots: ONE });
    const notifySend = h.bin.addRecorder('notify-send');
    const desktop = { PATH: h.bin.dir, DISPLAY: ':0', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/bus' };
    const { report } = await h.json([], desktop);
    expect(alertFindings(report)).toEqual([
      {
        level: 'ok',
        scope: 'global',
        code: 'alert_delivery',
        message: 'alerts reach you through notify-send',
        fix: null,
      },
    ]);
    expect(report.global.alerts).toMatchObject({ notifier: 'notify-send', notifier_path: notifySend });
    h.home.cleanup();

    h = createDoctorHome(fake, {
      slots: ONE,
      settings: { alerts: { notify_command: 'curl -s -d @- https://ntfy.sh/secret-topic' } },
    });
    const withCommand = await h.json([], { PATH: h.bin.dir });
    expect(alertFindings(withCommand.report).map((f) => f.message)).toEqual([
      'alerts reach you through the notify_command',
    ]);
    // The command may hold a secret URL: it is never repeated.
    expect(withCommand.run.stdout).not.toContain('secret-topic');
  });

  it('a notify-send that failed when a login died is named, with the error the log recorded', async () => {
    const slots = [{ id: 'slot-1', email: 'one@example.com', accessExpiresAt: Date.now() - 60_000 }];
    h = createDoctorHome(fake, { slots, settings: { token_refresh: 'locked' } });
    fake.revokeLogin('one@example.com');
    h.bin.addRecorder('notify-send', { stderr: 'Cannot autolaunch D-Bus without X11 $DISPLAY', code: 1 });
    const desktop = { PATH: h.bin.dir, DISPLAY: ':0', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/bus' };
    // The real refresh finds the login dead and tries to show the alert through the failing notify-send.
    expect((await runCli(['refresh'], h.env(desktop))).code).toBe(1);
    expect(h.bin.calls('notify-send').length).toBeGreaterThan(0);
    const { report } = await h.json([], desktop);
    const [warn] = findingsOf(report, 'warn').filter((f) => f.code === 'no_alert_channel');
    expect(warn.message).toMatch(
      /^no alert can reach you: notify-send failed (once|\d+ times) in the last 24h \(latest: Could not show the alert with notify-send: .*Cannot autolaunch D-Bus/,
    );
    expect(report.global.alerts).toMatchObject({ notifier: 'notify-send' });
  });
});
