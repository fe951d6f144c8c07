/**
 * Quota Broker's Electron main process: the composition root. It wires the Electron-free engine host
 * (broker or follower) to the tray, the popover, IPC, notifications and re-login — each set up by
 * its own module, in order.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as electron from 'electron';
import log from 'electron-log/main';
import { startDashboard } from '../shared/host/dashboard/server';
import { createQuotaHost } from '../shared/host/quota-host';
import { EVENTS, OPERATIONS } from '../shared/ipc/operations';
import { createAppApi } from './app-api';
import { createAppEngineDeps } from './app-deps';
import { getAppEnv } from './app-env';
import { setupMenuBarApp, setupSingleInstance } from './app-lifecycle';
import { getAppPaths } from './app-paths';
import { createDashboardLauncher } from './dashboard-launcher';
import type { ElectronSurface } from './electron-surface';
import { setGlanceFormSetting, setGlanceModeSetting } from './glance-setting';
import { setupIpcHandlers } from './ipc/handlers';
import { setupIpcPushes } from './ipc/pushes';
import { createElectronLogger, setupLogging } from './logging';
import { createElectronNotifier, type ElectronNotifierDeps } from './notifications';
import { runDoctor } from './run-doctor';
import { setupTray } from './tray';
import { createTrayActions } from './tray-actions';
import { parseGlanceForm, parseGlanceMode } from './tray-state';
import { setupPopover } from './windows/setup-popover';

// Only what electron-surface.ts lists: the stand-in host (test/electron-host) implements the same type.
const {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  nativeImage,
  screen,
  session,
  shell,
  Tray,
}: ElectronSurface = electron;

const dev = !app.isPackaged;
const appLogPath = setupLogging(log, { dev });
const logger = createElectronLogger(log);

if (setupSingleInstance(app, () => popoverRef?.show(null))) {
  setupMenuBarApp(app);
  app.whenReady().then(start, (e) => logger.error(`app failed to start: ${String(e)}`));
}
let popoverRef: { show(bounds: null): void } | null = null;

async function start(): Promise<void> {
  const env = getAppEnv(process.env, homedir(), process.platform);
  const paths = getAppPaths(app.getAppPath());
  let onAlertAction: ElectronNotifierDeps['onAction'] = () => undefined;
  const notifier = createElectronNotifier({
    createNotification: (options) => new Notification(options),
    isSupported: () => Notification.isSupported(),
    onAction: (action) => onAlertAction(action),
  });
  const engine = await createAppEngineDeps(env, logger, notifier);
  const host = createQuotaHost({ engine, now: Date.now, surface: 'app' });

  const { popover, indexUrl } = setupPopover({
    createWindow: (options) => new BrowserWindow(options),
    screen,
    session: session.defaultSession,
    shell,
    paths,
    devTools: dev,
    logger,
  });
  popoverRef = popover;

  setupIpcPushes(EVENTS, host, (channel, payload) => popover.send(channel, payload));
  onAlertAction = (action) => {
    popover.show(null);
    if (action.type === 'relogin') void host.relogin(action.slot);
  };
  const openLog = async () => {
    const problem = await shell.openPath(appLogPath);
    if (problem) throw new Error(problem);
    return appLogPath;
  };
  setupIpcHandlers({
    ipcMain,
    table: OPERATIONS,
    api: createAppApi({ host, openLog }),
    getTrustPolicy: () => ({ webContentsIds: new Set([popover.window.webContents.id]), indexUrl }),
    logger,
  });

  const dashboard = createDashboardLauncher({
    host,
    rendererDir: paths.rendererDir,
    startDashboard,
    openExternal: (url) => shell.openExternal(url),
  });
  const actions = createTrayActions({
    host,
    dashboard,
    runDoctor: () => runDoctor(engine, Date.now),
    logger,
    openLog,
    showMessage: (title, detail, kind) => void dialog.showMessageBox({ type: kind, message: title, detail }),
    setLaunchAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    setGlanceMode: (mode) => setGlanceModeSetting(engine.paths.registry, mode, engine.fs),
    setGlanceForm: (form) => setGlanceFormSetting(engine.paths.registry, form, engine.fs),
    quit: () => app.quit(),
  });
  const dashboardAvailable = existsSync(paths.rendererIndex);

  const first = await host.snapshot();
  const view = (snap: typeof first) => ({
    cache: snap.state.cache,
    now: Date.now(),
    glanceMode: parseGlanceMode(snap.settings.tray_title),
    glanceForm: parseGlanceForm(snap.settings.tray_title_form),
    menu: {
      launchAtLogin: app.getLoginItemSettings().openAtLogin,
      glanceMode: parseGlanceMode(snap.settings.tray_title),
      glanceForm: parseGlanceForm(snap.settings.tray_title_form),
      role: host.role,
      brokerPid: snap.state.broker.pid,
      dashboardAvailable,
    },
  });
  const tray = setupTray(
    {
      createTray: (image) => new Tray(image),
      createImage: (path) => nativeImage.createFromPath(path),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      iconDir: paths.trayIconDir,
      onClick: (bounds) => popover.toggle(bounds),
      actions,
    },
    view(first),
  );
  // The Playwright smoke test (test/electron/smoke.test.ts) reads the tray through this handle.
  if (process.env.QUOTA_BROKER_E2E === '1')
    Object.assign(globalThis, { __quotaBrokerE2E: { tray: tray.tray } });
  host.onSnapshot((snap) => tray.update(view(snap)));
  // Ages and staleness change with time alone: redraw the title every minute.
  setInterval(() => void host.snapshot().then((snap) => tray.update(view(snap))), 60_000).unref();

  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    void Promise.allSettled([dashboard.close(), host.stop()]).finally(() => app.exit(0));
  });
  logger.info(`Quota Broker app started (engine role: ${host.role}); log: ${appLogPath}`);
}
