/** The user's notify_command: alert JSON on stdin; failures and hangs are logged, never thrown. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNotifyCommand } from '../../../shared/adapters/alerts/notify-command';
import { nodeFileSystem } from '../../../shared/adapters/fs/node-file-system';
import type { Alert } from '../../../shared/domain/alerts/types';
import { deliverCycleAlerts } from '../../../shared/engine/deliver-alerts';
import type { Notifier } from '../../../shared/ports/notifier';
import { cache, dead, slot, T0 } from '../../domain/alerts/helpers';
import type { TempHome } from './helpers';
import { createRecordingLogger, createTempHome } from './helpers';

let home: TempHome;
beforeEach(async () => {
  home = await createTempHome();
});
afterEach(async () => {
  await home.cleanup();
});

const recordingNotifier = (): Notifier & { shown: Alert[] } => {
  const shown: Alert[] = [];
  return {
    name: 'test',
    shown,
    async notify(a) {
      shown.push(a);
      return { ok: true };
    },
  };
};

const cycle = (notifyCommand: string, timeoutMs?: number) => {
  const logger = createRecordingLogger();
  const notifier = recordingNotifier();
  const done = deliverCycleAlerts({
    paths: home.paths,
    fs: nodeFileSystem,
    cache: cache(T0, { 'slot-1': slot(T0), 'slot-2': dead(T0, { email: 'b@x.io' }) }),
    brokerRunning: true,
    settings: { alerts: { notify_command: notifyCommand } },
    now: T0,
    logger,
    notifier,
    env: home.env,
    notifyCommandTimeoutMs: timeoutMs,
  });
  return { logger, notifier, done };
};

describe('notify_command', () => {
  it('receives the alert as valid JSON on stdin', async () => {
    const out = join(home.dir, 'alert.json');
    const { done } = cycle(`cat > '${out}'`);
    const alerts = await done;
    const received = JSON.parse(await readFile(out, 'utf8'));
    expect(received).toEqual(alerts[0]);
    expect(received).toMatchObject({
      id: 'login_dead:slot-2',
      kind: 'login_dead',
      severity: 'warning',
      slot: 'slot-2',
      action: { type: 'relogin', slot: 'slot-2' },
      at: T0,
    });
  });

  it('gets the title and body as environment variables too', async () => {
    const out = join(home.dir, 'env.txt');
    await cycle(`printf '%s|%s' "$QUOTA_BROKER_ALERT_ID" "$QUOTA_BROKER_ALERT_TITLE" > '${out}'`).done;
    expect(await readFile(out, 'utf8')).toBe('login_dead:slot-2|slot-2: login died');
  });

  it('a failing command is logged and the cycle goes on', async () => {
    const { logger, notifier, done } = cycle('echo "ntfy: bad topic" >&2; exit 1');
    const alerts = await done;
    expect(alerts.map((a) => a.id)).toEqual(['login_dead:slot-2']);
    expect(notifier.shown).toHaveLength(1);
    expect(logger.text()).toMatch(/warn notify_command exited with 1: ntfy: bad topic/);
  });

  it('a hanging command is stopped after the timeout and logged', async () => {
    const { logger, done } = cycle('sleep 30', 300);
    await done;
    expect(logger.text()).toMatch(/warn notify_command timed out after 0.3 s/);
  });

  it('a command that ignores stdin is fine', async () => {
    expect(await runNotifyCommand('true', { id: 'x' } as Alert, { env: home.env })).toEqual({ ok: true });
  });

  it('a command that does not exist is reported as a value', async () => {
    const result = await runNotifyCommand('definitely-not-a-command-qb', { id: 'x' } as Alert, {
      env: home.env,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/exited with 127/);
  });
});
