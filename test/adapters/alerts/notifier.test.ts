/** Headless delivery through notify-send / osascript stand-ins found first on PATH. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHeadlessNotifier } from '../../../shared/adapters/alerts/notifier';
import { nodeFileSystem } from '../../../shared/adapters/fs/node-file-system';
import type { Alert } from '../../../shared/domain/alerts/types';
import { deliverCycleAlerts } from '../../../shared/engine/deliver-alerts';
import { cache, dead, MIN, slot, T0 } from '../../domain/alerts/helpers';
import type { TempHome } from './helpers';
import { createRecordingLogger, createTempHome, installRecorder } from './helpers';

const ALERT: Alert = {
  id: 'login_dead:slot-2',
  kind: 'login_dead',
  severity: 'warning',
  slot: 'slot-2',
  title: 'slot-2: login died',
  body: 'The login for slot-2 (b@x.io) died. Run: quota-broker relogin slot-2',
  action: { type: 'relogin', slot: 'slot-2' },
  at: T0,
};

let home: TempHome;
beforeEach(async () => {
  home = await createTempHome();
});
afterEach(async () => {
  await home.cleanup();
});

describe('createHeadlessNotifier', () => {
  it('uses notify-send on Linux with the urgency of the severity', async () => {
    const calls = await installRecorder(home.binDir, 'notify-send');
    const notifier = await createHeadlessNotifier({ platform: 'linux', env: home.env });
    expect(notifier.name).toBe('notify-send');
    expect(await notifier.notify(ALERT)).toEqual({ ok: true });
    expect(await calls()).toEqual([
      ['--app-name=Quota Broker', '--urgency=normal', '--', ALERT.title, ALERT.body],
    ]);
  });

  it('uses osascript display notification on macOS, passing text as arguments, not script', async () => {
    const calls = await installRecorder(home.binDir, 'osascript');
    const notifier = await createHeadlessNotifier({ platform: 'darwin', env: home.env });
    const tricky = { ...ALERT, title: 'say "hi" \\ end', body: '-e do shell script "rm -rf ~"' };
    expect(await notifier.notify(tricky)).toEqual({ ok: true });
    const [args] = await calls();
    expect(args.slice(-3)).toEqual(['Quota Broker', tricky.title, tricky.body]);
    expect(args.filter((_a, i) => args[i - 1] === '-e').join('\n')).toContain(
      'display notification (item 3 of argv)',
    );
  });

  it('falls back to the log when no notifier exists', async () => {
    const notifier = await createHeadlessNotifier({ platform: 'linux', env: { PATH: home.binDir } });
    expect(notifier.name).toBe('log');
    expect(await notifier.notify(ALERT)).toEqual({ ok: true });
  });

  it('reports a failing notifier as a value', async () => {
    await installRecorder(home.binDir, 'notify-send', 1);
    const notifier = await createHeadlessNotifier({ platform: 'linux', env: home.env });
    const result = await notifier.notify(ALERT);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('no session bus');
  });
});

describe('deliverCycleAlerts through notify-send', () => {
  const run = (now: number, slots: Parameters<typeof cache>[1], logger = createRecordingLogger()) =>
    deliverCycleAlerts({
      paths: home.paths,
      fs: nodeFileSystem,
      cache: cache(now, slots),
      brokerRunning: true,
      settings: {},
      now,
      logger,
      env: home.env,
    });

  it('shows exactly one notification per episode across cycles', async () => {
    if (process.platform === 'darwin') return; // the default notifier there is osascript
    const calls = await installRecorder(home.binDir, 'notify-send');
    await run(T0, { 'slot-1': slot(T0), 'slot-2': dead(T0, { email: 'b@x.io' }) });
    await run(T0 + 5 * MIN, { 'slot-1': slot(T0), 'slot-2': dead(T0, { email: 'b@x.io' }) });
    await run(T0 + 10 * MIN, { 'slot-1': dead(T0), 'slot-2': dead(T0, { email: 'b@x.io' }) });
    const recorded = await calls();
    expect(recorded.map((args) => args[3])).toEqual(['slot-2: login died', 'All Claude slots are inactive']);
    expect(recorded[0][1]).toBe('--urgency=normal');
    expect(recorded[1][1]).toBe('--urgency=critical');
    expect(recorded[0][4]).toContain('Run: quota-broker relogin slot-2');
  });

  it('logs each alert and a notifier failure without failing the cycle', async () => {
    if (process.platform === 'darwin') return;
    await installRecorder(home.binDir, 'notify-send', 1);
    const logger = createRecordingLogger();
    const alerts = await run(T0, { 'slot-1': dead(T0) }, logger);
    expect(alerts.map((a) => a.id)).toEqual(['all_inactive']);
    expect(logger.text()).toMatch(/error ALERT \[critical\] All Claude slots are inactive/);
    expect(logger.text()).toMatch(/warn Could not show the alert with notify-send: .*no session bus/);
  });
});
