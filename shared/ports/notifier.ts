/** How the engine shows an alert: the headless platform notifier, Electron's notifications, or a test's. */
import type { Alert } from '../domain/alerts/types';

export type NotifyResult = { ok: true } | { ok: false; error: string };

/** Shows an alert. Never throws: a failure comes back as a value for the caller to log. */
export interface Notifier {
  /** `notify-send`, `osascript`, `log`, or an embedder's own (Electron). */
  readonly name: string;
  notify(alert: Alert): Promise<NotifyResult>;
}
