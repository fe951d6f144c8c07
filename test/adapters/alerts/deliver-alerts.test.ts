/** A cycle's alerts: persisted before delivery, never repeated by a restart or a second process. */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../shared/adapters/file-logger';
import { nodeFileSystem } from '../../../shared/adapters/fs/node-file-system';
import type { Alert } from '../../../shared/domain/alerts/types';
import { getDeliveryFailures } from '../../../shared/domain/doctor/log-lines';
import type { BrokerSettings, CacheSlot } from '../../../shared/domain/types';
import { deliverCycleAlerts } from '../../../shared/engine/deliver-alerts';
import type { Notifier } from '../../../shared/ports/notifier';
import { cache, dead, MIN, slot, T0 } from '../../domain/alerts/helpers';
import type { TempHome } from './helpers';
import { createRecordingLogger, createTempHome } from './helpers';

let home: TempHome;
beforeEach(async () => {
  home = await createTempHome();
});
afterEach(async () => {
  await home.cleanup();
});

function recordingNotifier(onNotify?: (a: Alert) => Promise<void>): Notifier & { shown: string[] } {
  const shown: string[] = [];
  return {
    name: 'test',
    shown,
    async notify(a) {
      shown.push(a.id);
      await onNotify?.(a);
      return { ok: true };
    },
  };
}

const cycle = (
  now: number,
  slots: Record<string, CacheSlot>,
  notifier: Notifier,
  logger = createRecordingLogger(),
) =>
  deliverCycleAlerts({
    paths: home.paths,
    fs: nodeFileSystem,
    cache: cache(now, slots),
    brokerRunning: true,
    settings: {},
    now,
    logger,
    notifier,
    timeZone: 'UTC',
  });

const oneDead = (n: number) => ({ 'slot-1': slot(n), 'slot-2': dead(n) });

describe('deliverCycleAlerts', () => {
  it('a restart in the middle does not repeat an alert; a new episode fires again', async () => {
    const first = recordingNotifier();
    await cycle(T0, oneDead(T0), first);
    // A fresh process (new notifier, state re-read from disk) sees the same dead login.
    const second = recordingNotifier();
    await cycle(T0 + 5 * MIN, oneDead(T0 + 5 * MIN), second);
    await cycle(T0 + 10 * MIN, { 'slot-1': slot(T0), 'slot-2': slot(T0) }, second);
    await cycle(T0 + 15 * MIN, oneDead(T0 + 15 * MIN), second);
    expect(first.shown).toEqual(['login_dead:slot-2']);
    expect(second.shown).toEqual(['capacity_back:slot-2:usable', 'login_dead:slot-2']);
  });

  it('persists the next state before delivering', async () => {
    let onDisk = '';
    const notifier = recordingNotifier(async () => {
      onDisk = await readFile(home.paths.alertState, 'utf8');
    });
    await cycle(T0, oneDead(T0), notifier);
    expect(JSON.parse(onDisk).episodes['login_dead:slot-2'].status).toBe('delivered');
  });

  it('two processes finishing a cycle at once deliver the alert once', async () => {
    const a = recordingNotifier();
    const b = recordingNotifier();
    await Promise.all([cycle(T0, oneDead(T0), a), cycle(T0, oneDead(T0), b)]);
    expect([...a.shown, ...b.shown]).toEqual(['login_dead:slot-2']);
  });

  it('logs each alert and each ended episode', async () => {
    const logger = createRecordingLogger();
    const notifier = recordingNotifier();
    await cycle(T0, oneDead(T0), notifier, logger);
    await cycle(T0 + MIN, { 'slot-1': slot(T0), 'slot-2': slot(T0) }, notifier, logger);
    expect(logger.text()).toContain('warn ALERT [warning] slot-2: login died — The login for slot-2');
    expect(logger.text()).toContain('info alert episode ended: slot-2: login died');
  });

  it('logs bad alert settings and goes on with the defaults', async () => {
    const logger = createRecordingLogger();
    const alerts = await deliverCycleAlerts({
      paths: home.paths,
      fs: nodeFileSystem,
      cache: cache(T0, oneDead(T0)),
      brokerRunning: true,
      // Settings that did not come through the registry reader are checked here too.
      settings: { alerts: { thresholds: { five_hour: 'lots' } } } as unknown as Partial<BrokerSettings>,
      now: T0,
      logger,
      notifier: recordingNotifier(),
    });
    expect(alerts).toHaveLength(1);
    expect(logger.text()).toMatch(/warn settings\.alerts\.thresholds\.five_hour must be a list/);
  });

  it('an unusable state dir is logged, never thrown', async () => {
    // A file where the state dir should be: fails for root too, unlike a chmod.
    await writeFile(dirname(home.paths.alertState), 'not a dir');
    const logger = createRecordingLogger();
    const notifier = recordingNotifier();
    expect(await cycle(T0, oneDead(T0), notifier, logger)).toEqual([]);
    expect(notifier.shown).toEqual([]);
    expect(logger.text()).toMatch(/error Alerts skipped this cycle/);
  });

  it('a notifier and a notify_command that fail are logged in words the doctor finds', async () => {
    const log = join(home.dir, 'state', 'broker.log');
    const failing: Notifier = { name: 'notify-send', notify: async () => ({ ok: false, error: 'no bus' }) };
    await deliverCycleAlerts({
      paths: home.paths,
      fs: nodeFileSystem,
      cache: cache(T0, oneDead(T0)),
      brokerRunning: true,
      settings: { alerts: { notify_command: 'exit 3' } } as unknown as Partial<BrokerSettings>,
      now: T0,
      logger: createFileLogger(log, nodeFileSystem),
      notifier: failing,
      env: home.env,
    });
    const failures = getDeliveryFailures(await readFile(log, 'utf8'));
    expect(failures.map((f) => f.channel)).toEqual(['desktop', 'notify_command']);
    expect(failures[0].text).toContain('notify-send: no bus');
    expect(failures[1].text).toMatch(/^notify_command .*3/);
  });
});

describe('quiet hours without a zone of their own', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });
  // 12:00 UTC is 02:00 the next day on Kiritimati (UTC+14): inside 01:00–03:00 only in that zone.
  const withMachineZone = async (zone: string) => {
    process.env.TZ = zone; // node re-reads the machine's zone when TZ changes
    const notifier = recordingNotifier();
    await deliverCycleAlerts({
      paths: home.paths,
      fs: nodeFileSystem,
      cache: cache(T0, oneDead(T0)),
      brokerRunning: true,
      settings: { alerts: { quiet_hours: { start: '01:00', end: '03:00' } } } as Partial<BrokerSettings>,
      now: T0,
      logger: createRecordingLogger(),
      notifier,
    });
    return notifier.shown;
  };

  it('are judged in the machine time zone, looked up when they need it', async () => {
    expect(await withMachineZone('Pacific/Kiritimati')).toEqual([]);
  });

  it('deliver outside them in that zone (control)', async () => {
    expect(await withMachineZone('UTC')).toEqual(['login_dead:slot-2']);
  });
});
