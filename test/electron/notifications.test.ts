import { describe, expect, it } from 'vitest';
import {
  createElectronNotifier,
  getClickAction,
  getNotificationOptions,
  type NotificationLike,
} from '../../electron/notifications';
import type { Alert } from '../../shared/domain/alerts/types';

function alert(patch: Partial<Alert> = {}): Alert {
  return {
    id: 'login_dead:slot-2',
    kind: 'login_dead',
    severity: 'critical',
    slot: 'slot-2',
    title: 'slot-2: login died',
    body: 'Run: quota-broker relogin slot-2',
    action: { type: 'relogin', slot: 'slot-2' },
    at: 0,
    ...patch,
  };
}

class FakeNotification {
  static shown: FakeNotification[] = [];
  handlers = new Map<string, () => void>();
  constructor(readonly options: Record<string, unknown>) {}
  on(event: string, fn: () => void) {
    this.handlers.set(event, fn);
    return this;
  }
  show() {
    FakeNotification.shown.push(this);
  }
}

describe('alert → Electron notification', () => {
  it('maps severity, keeps critical ones on screen and offers the re-login', () => {
    const o = getNotificationOptions(alert());
    expect(o).toMatchObject({ title: 'slot-2: login died', urgency: 'critical', timeoutType: 'never' });
    expect(o.body).toContain('Click to re-login');
    expect(getNotificationOptions(alert({ severity: 'info', action: null }))).toMatchObject({
      urgency: 'low',
      silent: true,
    });
  });

  it('never shows a token', () => {
    const o = getNotificationOptions(
      alert({ body: 'bad sk-ant-oat01-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA here' }),
    );
    expect(o.body).not.toContain('AAAAAAAAAAAAAAAA');
  });

  it('a login-died click starts the re-login; all-inactive and others open the popover', () => {
    expect(getClickAction(alert())).toEqual({ type: 'relogin', slot: 'slot-2' });
    expect(getClickAction(alert({ kind: 'all_inactive', slot: null, action: { type: 'open' } }))).toEqual({
      type: 'open',
      slot: null,
    });
    expect(getClickAction(alert({ kind: 'usage', action: null }))).toEqual({ type: 'open', slot: 'slot-2' });
  });

  it('implements the engine Notifier: shows, and runs the action on click', async () => {
    const actions: unknown[] = [];
    const notifier = createElectronNotifier({
      createNotification: (o) =>
        new FakeNotification(o as Record<string, unknown>) as unknown as NotificationLike,
      isSupported: () => true,
      onAction: (a) => actions.push(a),
    });
    expect(await notifier.notify(alert())).toEqual({ ok: true });
    FakeNotification.shown.at(-1)?.handlers.get('click')?.();
    expect(actions).toEqual([{ type: 'relogin', slot: 'slot-2' }]);
  });

  it('reports unsupported systems as a value, never throws', async () => {
    const notifier = createElectronNotifier({
      createNotification: () => {
        throw new Error('no');
      },
      isSupported: () => false,
      onAction: () => undefined,
    });
    expect(await notifier.notify(alert())).toMatchObject({ ok: false });
  });
});
