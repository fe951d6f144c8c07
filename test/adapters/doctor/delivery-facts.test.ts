/** The delivery facts read from this machine: notifier on PATH, display sockets, session bus. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDeliveryFacts } from '../../../shared/adapters/doctor/read-delivery-facts';

let dir: string;
let bin: string;
let x11: string;
let runtime: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qb-delivery-'));
  bin = join(dir, 'bin');
  x11 = join(dir, 'X11-unix');
  runtime = join(dir, 'run-user');
  for (const d of [bin, x11, runtime]) mkdirSync(d);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform = 'linux', settings = {}) =>
  readDeliveryFacts({ platform, env, settings, x11SocketDir: x11, runtimeDir: runtime });

function install(name: string): string {
  const file = join(bin, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('readDeliveryFacts', () => {
  it('a bare headless Linux: no notifier, no display, no bus', async () => {
    expect(await read({ PATH: bin })).toEqual({
      platform: 'linux',
      enabled: true,
      notifyCommand: false,
      notifier: null,
      display: false,
      sessionBus: false,
    });
  });

  it('finds notify-send on PATH, a display by its X11 or Wayland socket, the bus cron would use', async () => {
    const path = install('notify-send');
    writeFileSync(join(runtime, 'bus'), '');
    expect(await read({ PATH: bin })).toMatchObject({
      notifier: { name: 'notify-send', path },
      display: false,
      sessionBus: true,
    });
    writeFileSync(join(x11, 'X0'), '');
    expect((await read({ PATH: bin })).display).toBe(true);
    rmSync(join(x11, 'X0'));
    writeFileSync(join(runtime, 'wayland-1'), '');
    expect((await read({ PATH: bin })).display).toBe(true);
  });

  it('a display and a bus named in the environment count; so do the alert settings', async () => {
    const facts = await read(
      { PATH: bin, WAYLAND_DISPLAY: 'wayland-0', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' },
      'linux',
      { alerts: { enabled: false, notify_command: 'true' } },
    );
    expect(facts).toMatchObject({ display: true, sessionBus: true, enabled: false, notifyCommand: true });
  });

  it('macOS: osascript is the notifier; display and bus are not its concern', async () => {
    expect(await read({ PATH: bin }, 'darwin')).toMatchObject({ notifier: null, display: true });
    const path = install('osascript');
    expect((await read({ PATH: bin }, 'darwin')).notifier).toEqual({ name: 'osascript', path });
  });
});
