/**
 * The menu-bar tray: a template icon whose image follows the engine's state, the glance title, a
 * click that toggles the popover and the right-click menu.
 */
import { join } from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Rectangle, Tray } from 'electron';
import type { CacheFile } from '../shared/domain/types';
import { getTrayMenuTemplate, type TrayMenuActions, type TrayMenuState } from './tray-menu';
import {
  type GlanceForm,
  type GlanceMode,
  getGlanceTitle,
  getTrayIconName,
  getTrayIconState,
  getTrayTooltip,
} from './tray-state';

export type TrayLike = Pick<
  Tray,
  'setImage' | 'setTitle' | 'setToolTip' | 'on' | 'popUpContextMenu' | 'getBounds' | 'destroy'
>;

export interface TrayDeps {
  createTray: (image: NativeImage) => TrayLike;
  createImage: (path: string) => NativeImage;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  /** Directory holding iconTemplate.png, icon-staleTemplate.png, … (and their @2x). */
  iconDir: string;
  onClick: (bounds: Rectangle) => void;
  actions: TrayMenuActions;
}

export interface TrayView {
  cache: CacheFile | null;
  now: number;
  glanceMode: GlanceMode;
  glanceForm: GlanceForm;
  menu: TrayMenuState;
}

export interface TrayHandle {
  readonly tray: TrayLike;
  /** Redraws icon, title, tooltip and the menu state. */
  update(view: TrayView): void;
}

/** Creates the tray; call `update` whenever the state changes. */
export function setupTray(deps: TrayDeps, initial: TrayView): TrayHandle {
  const image = (name: string) => deps.createImage(join(deps.iconDir, `${name}.png`));
  let iconName = getTrayIconName(getTrayIconState(initial.cache, initial.now));
  const tray = deps.createTray(image(iconName));
  let menuState = initial.menu;

  tray.on('click', (_event, bounds) => deps.onClick(bounds));
  // Built on demand so the menu always shows the current role and toggles.
  tray.on('right-click', () =>
    tray.popUpContextMenu(deps.buildMenu(getTrayMenuTemplate(menuState, deps.actions))),
  );

  const handle: TrayHandle = {
    tray,
    update(view) {
      menuState = view.menu;
      const next = getTrayIconName(getTrayIconState(view.cache, view.now));
      if (next !== iconName) {
        iconName = next;
        tray.setImage(image(next));
      }
      tray.setTitle(getGlanceTitle(view.cache, view.now, view.glanceMode, view.glanceForm), {
        fontType: 'monospacedDigit',
      });
      tray.setToolTip(getTrayTooltip(view.cache));
    },
  };
  handle.update(initial);
  return handle;
}
