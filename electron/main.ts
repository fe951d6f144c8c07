/**
 * Quota Broker's Electron main process: the composition root. It wires the Electron-free engine host
 * (broker or follower) to the tray, the popover, IPC, notifications and re-login — each set up by
 * its own module, in order.
 */
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import {
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
} from 'electron';
import log from 'electron-log/main';
import { findExecutable } from '../shared/adapters/alerts/find-executable';
import { getBrokerHolder } from '../shared/adapters/broker-lock';
import { startLogin } from '../shared/adapters/claude/auth-login';
import { startDaemon } from '../shared/engine/daemon';
import { CHANNELS } from '../shared/ipc/contract';
import { createAppApi } from './app-api';
import { createAppEngineDeps } from './app-deps';
import { getAppEnv } from './app-env';
import { setupMenuBarApp, setupSingleInstance } from './app-lifecycle';
import { getAppPaths } from './app-paths';
import { createCliRunner } from './cli-runner';
import { setGlanceModeSetting } from './glance-setting';
import { createQuotaHost } from './host/quota-host';
import { isProcessAlive, takeOverBroker } from './host/takeover';
import { setupIpcHandlers } from './ipc/handlers';
import { createElectronLogger, setupLogging } from './logging';
import { createElectronNotifier, type ElectronNotifierDeps } from './notifications';
import { createReloginManager } from './relogin';
import { setupTray } from './tray';
import { createTrayActions } from './tray-actions';
import { parseGlanceMode } from './tray-state';
import { setupPopover } from './windows/setup-popover';
import { isLoopbackDashboardUrl } from './windows/url-policy';

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
  const paths = getAppPaths(app.getAppPath(), app.isPackaged);
  let onAlertAction: ElectronNotifierDeps['onAction'] = () => undefined;
  const notifier = createElectronNotifier({
    createNotification: (options) => new Notification(options),
    isSupported: () => Notification.isSupported(),
    onAction: (action) => onAlertAction(action),
  });
  const engine = await createAppEngineDeps(env, logger, notifier);
  const host = createQuotaHost({ engine, now: Date.now, startDaemon });

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

  const relogin = createReloginManager({
    claudeBin: engine.claudeBin,
    startLogin,
    findSlot: (slot) => host.findSlot(slot),
    refreshSlot: (slot) => host.refreshSlot(slot),
    onProgress: (progress) => popover.send(CHANNELS.reloginProgress, progress),
    logger,
    env,
  });
  onAlertAction = (action) => {
    popover.show(null);
    if (action.type === 'relogin') void relogin.start(action.slot);
  };
  const openLog = async () => {
    const problem = await shell.openPath(appLogPath);
    if (problem) throw new Error(problem);
    return appLogPath;
  };
  setupIpcHandlers({
    ipcMain,
    api: createAppApi({ host, relogin, openLog }),
    getTrustPolicy: () => ({ webContentsIds: new Set([popover.window.webContents.id]), indexUrl }),
    logger,
  });

  const nodeBin = await findExecutable('node', env);
  const cli = createCliRunner({ nodeBin, cliPath: paths.cli, env, spawn });
  const actions = createTrayActions({
    host,
    cli,
    logger,
    openLog,
    openDashboardUrl: async (url) => {
      if (!isLoopbackDashboardUrl(url))
        throw new Error(`Refusing to open ${url}: not a local dashboard URL.`);
      await shell.openExternal(url);
    },
    showMessage: (title, detail, kind) => void dialog.showMessageBox({ type: kind, message: title, detail }),
    setLaunchAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    setGlanceMode: (mode) => setGlanceModeSetting(engine.paths.registry, mode),
    takeOver: () =>
      takeOverBroker({
        getHolder: async () => {
          const holder = await getBrokerHolder(engine.paths, Date.now());
          return holder.alive ? holder.info : null;
        },
        kill: (pid, signal) => process.kill(pid, signal),
        isAlive: isProcessAlive,
        becomeBroker: () => host.claimBroker(),
      }),
    quit: () => app.quit(),
  });

  const first = await host.snapshot();
  const view = (snap: typeof first) => ({
    cache: snap.state.cache,
    now: Date.now(),
    glanceMode: parseGlanceMode(snap.settings.tray_title),
    menu: {
      launchAtLogin: app.getLoginItemSettings().openAtLogin,
      glanceMode: parseGlanceMode(snap.settings.tray_title),
      role: host.role,
      brokerPid: snap.state.broker.pid,
      dashboardAvailable: cli.available,
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
  host.onSnapshot((snap) => {
    popover.send(CHANNELS.updated, snap.state);
    tray.update(view(snap));
  });
  // Ages and staleness change with time alone: redraw the title every minute.
  setInterval(() => void host.snapshot().then((snap) => tray.update(view(snap))), 60_000).unref();

  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    relogin.cancelAll();
    cli.stop();
    void host.stop().finally(() => app.exit(0));
  });
  logger.info(`Quota Broker app started (engine role: ${host.role}); log: ${appLogPath}`);
}
