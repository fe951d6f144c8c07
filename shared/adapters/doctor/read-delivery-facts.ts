/**
 * Whether an alert can reach someone (docs/alerts.md "How you are told"): the desktop notifier the
 * headless deliverer would pick (adapters/alerts/notifier.ts), whether this Linux machine has a display and
 * a session bus for it, and the alert settings. File checks only: no notification is shown, no process runs.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getAlertSettings } from '../../domain/alerts/settings';
import type { AlertDeliveryFacts } from '../../domain/doctor/types';
import type { BrokerSettings } from '../../domain/types';
import { findExecutable } from '../alerts/find-executable';

/** Where an X server keeps its sockets (`X0`, `X1`, …). */
const X11_SOCKET_DIR = '/tmp/.X11-unix';

export interface DeliveryFactsOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The registry's settings (`alerts.enabled`, `alerts.notify_command`). */
  settings: Partial<BrokerSettings>;
  /** The user's id, for `/run/user/<uid>`; default: this process's. */
  uid?: number;
  /** Tests point these at temp dirs; defaults: `/tmp/.X11-unix` and `/run/user/<uid>`. */
  x11SocketDir?: string;
  runtimeDir?: string;
}

async function hasEntry(dir: string, pattern: RegExp): Promise<boolean> {
  try {
    return (await readdir(dir)).some((name) => pattern.test(name));
  } catch {
    return false;
  }
}

/** A display server on this machine: one named in the environment, or an X11 or Wayland socket. */
async function hasDisplay(env: NodeJS.ProcessEnv, x11Dir: string, runtimeDir: string): Promise<boolean> {
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return true;
  const [x11, wayland] = await Promise.all([
    hasEntry(x11Dir, /^X\d+$/),
    hasEntry(runtimeDir, /^wayland-\d+$/),
  ]);
  return x11 || wayland;
}

/** Gathers the delivery facts. Never throws. */
export async function readDeliveryFacts(o: DeliveryFactsOptions): Promise<AlertDeliveryFacts> {
  const alerts = getAlertSettings(o.settings).settings;
  const common = { platform: o.platform, enabled: alerts.enabled, notifyCommand: !!alerts.notify_command };
  if (o.platform === 'darwin') {
    const path = await findExecutable('osascript', o.env);
    return {
      ...common,
      notifier: path ? { name: 'osascript', path } : null,
      display: true,
      sessionBus: true,
    };
  }
  const uid = o.uid ?? process.getuid?.();
  const runtimeDir = o.runtimeDir ?? (uid === undefined ? '' : `/run/user/${uid}`);
  const [path, display] = await Promise.all([
    findExecutable('notify-send', o.env),
    hasDisplay(o.env, o.x11SocketDir ?? X11_SOCKET_DIR, runtimeDir),
  ]);
  // The notifier points notify-send at /run/user/<uid>/bus when no address is set (cron).
  const sessionBus =
    !!o.env.DBUS_SESSION_BUS_ADDRESS || (runtimeDir !== '' && existsSync(join(runtimeDir, 'bus')));
  return { ...common, notifier: path ? { name: 'notify-send', path } : null, display, sessionBus };
}
