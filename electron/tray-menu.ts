/** The tray's right-click menu as data (pure), so a test can read it without Electron. */
import type { MenuItemConstructorOptions } from 'electron';
import type { GlanceForm, GlanceMode } from './tray-state';

/** A menu item's work: the menu fires and forgets; the promise (which never rejects) lets tests wait. */
type MenuTask = Promise<void>;

export interface TrayMenuActions {
  refreshNow(): MenuTask;
  openDashboard(): MenuTask;
  runDoctor(): MenuTask;
  openLog(): MenuTask;
  setLaunchAtLogin(enabled: boolean): void;
  setGlanceMode(mode: GlanceMode): MenuTask;
  setGlanceForm(form: GlanceForm): MenuTask;
  takeOver(): MenuTask;
  quit(): void;
}

export interface TrayMenuState {
  launchAtLogin: boolean;
  glanceMode: GlanceMode;
  glanceForm: GlanceForm;
  /** This app's engine role; a follower offers to take over from the broker that holds the lock. */
  role: 'broker' | 'follower';
  brokerPid: number | null;
  /** False when the dashboard cannot be started here; the item is shown disabled. */
  dashboardAvailable: boolean;
}

const GLANCE_LABELS: Record<GlanceMode, string> = {
  recommended: 'Recommended slot',
  in_use: 'Slot in use',
  off: 'Off',
};

/** What the title says about that slot (docs/electron.md "What the app does"): usage now, or the pace. */
const FORM_LABELS: Record<GlanceForm, string> = {
  usage: 'Usage Now (42%·3h)',
  pace: 'Pace at Reset (wk→64%)',
};

/** Builds the menu template: Refresh now … Quit, plus take-over while following another broker. */
export function getTrayMenuTemplate(
  state: TrayMenuState,
  actions: TrayMenuActions,
): MenuItemConstructorOptions[] {
  const takeOver: MenuItemConstructorOptions[] =
    state.role === 'follower'
      ? [
          {
            label: `Following broker${state.brokerPid ? ` (pid ${state.brokerPid})` : ''} — Take Over Polling`,
            click: () => void actions.takeOver(),
          },
          { type: 'separator' },
        ]
      : [];
  return [
    ...takeOver,
    { label: 'Refresh Now', click: () => actions.refreshNow() },
    {
      label: 'Open Dashboard in Browser',
      enabled: state.dashboardAvailable,
      click: () => void actions.openDashboard(),
    },
    { label: 'Run Doctor', click: () => actions.runDoctor() },
    { label: 'Open Log', click: () => actions.openLog() },
    { type: 'separator' },
    {
      label: 'Menu-Bar Title',
      // Two radio groups, split by the separator: which slot, and what about it.
      submenu: [
        ...(Object.keys(GLANCE_LABELS) as GlanceMode[]).map((mode) => ({
          label: GLANCE_LABELS[mode],
          type: 'radio' as const,
          checked: state.glanceMode === mode,
          click: () => void actions.setGlanceMode(mode),
        })),
        { type: 'separator' as const },
        ...(Object.keys(FORM_LABELS) as GlanceForm[]).map((form) => ({
          label: FORM_LABELS[form],
          type: 'radio' as const,
          checked: state.glanceForm === form,
          click: () => void actions.setGlanceForm(form),
        })),
      ],
    },
    {
      label: 'Launch at Login',
      type: 'checkbox',
      checked: state.launchAtLogin,
      click: (item) => actions.setLaunchAtLogin(Boolean(item.checked)),
    },
    { type: 'separator' },
    { label: 'Quit Quota Broker', accelerator: 'Command+Q', click: () => actions.quit() },
  ];
}
