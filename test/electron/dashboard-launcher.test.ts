/**
 * The tray's "Open Dashboard in Browser": the dashboard served from the app's own process over the app's
 * engine host — started once on first use, its loopback URL handed to the browser, closed on quit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDashboardLauncher } from '../../electron/dashboard-launcher';
import { startDashboard } from '../../shared/host/dashboard/server';
import { createQuotaHost, type QuotaHost } from '../../shared/host/quota-host';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createEngine, createFakeDaemon, createTwoSlotHome } from '../host/support';
import type { TempHome } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;
let host: QuotaHost;
let rendererDir: string;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTwoSlotHome(fake);
  host = createQuotaHost({
    engine: await createEngine(home),
    now: Date.now,
    surface: 'app',
    startDaemon: createFakeDaemon('broker').start,
  });
  rendererDir = mkdtempSync(join(tmpdir(), 'qb-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Quota Broker test bundle</title>');
});
afterEach(async () => {
  await host.stop();
  rmSync(rendererDir, { recursive: true, force: true });
  home.cleanup();
  await fake.close();
});

function launcher(start: typeof startDashboard = startDashboard) {
  const opened: string[] = [];
  let starts = 0;
  const dashboard = createDashboardLauncher({
    host,
    rendererDir,
    startDashboard: (h, opts) => {
      starts++;
      return start(h, opts);
    },
    openExternal: async (url) => {
      opened.push(url);
    },
  });
  return { dashboard, opened, starts: () => starts };
}

describe('the in-process dashboard', () => {
  it('starts once, opens its tokened loopback URL each time, and serves the app host’s state', async () => {
    const { dashboard, opened, starts } = launcher();
    await dashboard.open();
    await dashboard.open();
    expect(starts()).toBe(1);
    expect(opened).toHaveLength(2);
    expect(opened[0]).toBe(opened[1]);
    expect(opened[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);

    const page = await fetch(opened[0]);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Quota Broker test bundle');
    const url = new URL(opened[0]);
    const state = await fetch(`${url.origin}/api/state`, {
      headers: { Authorization: `Bearer ${url.searchParams.get('token')}` },
    });
    expect(await state.json()).toMatchObject({
      ok: true,
      value: { broker: { role: 'broker', pid: process.pid } },
    });
    expect((await fetch(`${url.origin}/api/state`)).status).toBe(401);

    await dashboard.close();
    await expect(fetch(opened[0])).rejects.toThrow();
    await dashboard.open();
    expect(starts()).toBe(2);
    await dashboard.close();
  });

  it('lets a failed start be retried, and opens nothing meanwhile', async () => {
    let fail = true;
    const { dashboard, opened, starts } = launcher((h, opts) =>
      fail ? Promise.reject(new Error('EADDRINUSE')) : startDashboard(h, opts),
    );
    await expect(dashboard.open()).rejects.toThrow('EADDRINUSE');
    expect(opened).toEqual([]);
    fail = false;
    await dashboard.open();
    expect(starts()).toBe(2);
    expect(opened).toHaveLength(1);
    await dashboard.close();
  });

  it('refuses to hand the browser a URL that is not loopback', async () => {
    const { dashboard, opened } = launcher(async () => ({
      url: 'http://evil.example/?token=x',
      port: 80,
      token: 'x',
      close: async () => undefined,
    }));
    await expect(dashboard.open()).rejects.toThrow(/not a local dashboard URL/);
    expect(opened).toEqual([]);
  });
});
