/** What the tray menu's items do, wired to the engine host, the in-process dashboard and the OS. */

import { redactUnknown } from '../shared/domain/redact';
import type { QuotaHost } from '../shared/host/quota-host';
import type { Logger } from '../shared/ports/logger';
import type { DashboardLauncher } from './dashboard-launcher';
import type { DoctorRun } from './run-doctor';
import type { TrayMenuActions } from './tray-menu';
import type { GlanceForm, GlanceMode } from './tray-state';

export interface TrayActionDeps {
  host: Pick<QuotaHost, 'refreshNow' | 'takeOver'>;
  dashboard: Pick<DashboardLauncher, 'open'>;
  runDoctor: () => Promise<DoctorRun>;
  logger: Logger;
  /** Opens the app log; resolves with its path. */
  openLog: () => Promise<string>;
  showMessage: (title: string, detail: string, kind: 'info' | 'error') => void;
  setLaunchAtLogin: (enabled: boolean) => void;
  setGlanceMode: (mode: GlanceMode) => Promise<void>;
  setGlanceForm: (form: GlanceForm) => Promise<void>;
  quit: () => void;
}

/** Builds the tray menu's actions; failures become a dialog, never an unhandled rejection. */
export function createTrayActions(deps: TrayActionDeps): TrayMenuActions {
  const guard = (what: string, task: () => Promise<unknown>) => (): Promise<void> =>
    task().then(
      () => undefined,
      (e) => {
        deps.logger.error(`${what} failed: ${redactUnknown(e)}`);
        deps.showMessage(`${what} failed`, redactUnknown(e), 'error');
      },
    );
  return {
    refreshNow: guard('Refresh', async () => {
      const r = await deps.host.refreshNow();
      if (!r.ok) throw new Error(r.error.message);
    }),
    openDashboard: guard('Open dashboard', () => deps.dashboard.open()),
    runDoctor: guard('Doctor', async () => {
      const { code, output } = await deps.runDoctor();
      deps.showMessage(
        code === 0 ? 'Doctor: all healthy' : 'Doctor found problems',
        output,
        code === 0 ? 'info' : 'error',
      );
    }),
    openLog: guard('Open log', () => deps.openLog()),
    setLaunchAtLogin: (enabled) => deps.setLaunchAtLogin(enabled),
    setGlanceMode: (mode) => guard('Menu-bar title', () => deps.setGlanceMode(mode))(),
    setGlanceForm: (form) => guard('Menu-bar title', () => deps.setGlanceForm(form))(),
    takeOver: guard('Take over', async () => {
      const r = await deps.host.takeOver();
      if (!r.ok) throw new Error(r.message);
    }),
    quit: () => deps.quit(),
  };
}
