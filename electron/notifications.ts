/**
 * The engine's Notifier for the app: shows each Alert the engine decided as an Electron Notification
 * (docs/alerts.md) and turns a click into the alert's action — start the slot's re-login, or open the popover.
 */
import type { Notification, NotificationConstructorOptions } from 'electron';
import type { Alert, AlertAction } from '../shared/domain/alerts/types';
import { redact, redactUnknown } from '../shared/domain/redact';
import type { Notifier, NotifyResult } from '../shared/ports/notifier';

export type NotificationLike = Pick<Notification, 'on' | 'show'>;

export interface ElectronNotifierDeps {
  createNotification: (options: NotificationConstructorOptions) => NotificationLike;
  isSupported: () => boolean;
  /** Runs the clicked alert's action. `open` and `null` open the popover. */
  onAction: (action: Exclude<AlertAction, null> | { type: 'open'; slot: string | null }) => void;
}

/** What clicking does: the alert's own action, else open the popover on the alert's slot. */
export function getClickAction(
  alert: Alert,
): Exclude<AlertAction, null> | { type: 'open'; slot: string | null } {
  if (alert.action?.type === 'relogin') return alert.action;
  return { type: 'open', slot: alert.slot };
}

/** Electron Notification options for an alert; critical alerts stay until dismissed. */
export function getNotificationOptions(alert: Alert): NotificationConstructorOptions {
  const relogin = alert.action?.type === 'relogin';
  return {
    title: redact(alert.title),
    subtitle: alert.slot ?? undefined,
    body: redact(relogin ? `${alert.body}\nClick to re-login.` : alert.body),
    urgency: alert.severity === 'critical' ? 'critical' : alert.severity === 'warning' ? 'normal' : 'low',
    timeoutType: alert.severity === 'critical' ? 'never' : 'default',
    silent: alert.severity === 'info',
  };
}

/** Creates the Notifier the engine delivers alerts through while the app runs. */
export function createElectronNotifier(deps: ElectronNotifierDeps): Notifier {
  // Keep shown notifications referenced: a garbage-collected Notification loses its click handler
  // (https://github.com/electron/electron/issues/12690).
  const live = new Set<NotificationLike>();
  return {
    name: 'electron',
    async notify(alert: Alert): Promise<NotifyResult> {
      if (!deps.isSupported()) return { ok: false, error: 'Notifications are not supported on this system.' };
      try {
        const n = deps.createNotification(getNotificationOptions(alert));
        live.add(n);
        n.on('click', () => {
          live.delete(n);
          deps.onAction(getClickAction(alert));
        });
        n.on('close', () => live.delete(n));
        n.on('failed', () => live.delete(n));
        n.show();
        return { ok: true };
      } catch (err) {
        return { ok: false, error: redactUnknown(err) };
      }
    },
  };
}
