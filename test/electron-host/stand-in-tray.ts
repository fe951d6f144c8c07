/**
 * The stand-in tray, menus and images. A menu and an image are opaque handles to the app (it only
 * hands them back to the tray), so they are typed as Electron's at the one place they are made.
 */
import type * as E from 'electron';
import type { ElectronSurface } from '../../electron/electron-surface';
import type { TrayLike } from '../../electron/tray';
import { StandInEmitter } from './emitter';

/** The tray icon's place on the stand-in's screen (top-right, as in a macOS menu bar). */
export const TRAY_BOUNDS: E.Rectangle = { x: 1200, y: 0, width: 22, height: 24 };

/** An image is its file path here. */
export class StandInImage {
  constructor(readonly path: string) {}
}

/** A menu item as a user meets it: its label and state, and clicking it. */
export interface StandInMenuItem {
  label: string;
  type: NonNullable<E.MenuItemConstructorOptions['type']>;
  enabled: boolean;
  checked: boolean;
  submenu: StandInMenuItem[];
  click(): void;
}

export class StandInMenu {
  readonly items: StandInMenuItem[];
  constructor(template: Array<E.MenuItemConstructorOptions | E.MenuItem>) {
    this.items = template.map((options) => toItem(options as E.MenuItemConstructorOptions));
  }
}

function toItem(options: E.MenuItemConstructorOptions): StandInMenuItem {
  const item: StandInMenuItem = {
    label: options.label ?? '',
    type: options.type ?? (options.submenu ? 'submenu' : 'normal'),
    enabled: options.enabled !== false,
    checked: Boolean(options.checked),
    submenu: Array.isArray(options.submenu) ? new StandInMenu(options.submenu).items : [],
    click() {
      if (!item.enabled) throw new Error(`Menu item "${item.label}" is disabled.`);
      // Electron flips a checkbox and selects a radio item before it calls `click`.
      if (item.type === 'checkbox') item.checked = !item.checked;
      if (item.type === 'radio') item.checked = true;
      options.click?.(item as unknown as E.MenuItem, undefined, {} as E.KeyboardEvent);
    },
  };
  return item;
}

export class StandInTray extends StandInEmitter implements TrayLike {
  title = '';
  toolTip = '';
  image: string;
  menu: StandInMenu | null = null;
  destroyed = false;

  constructor(image: E.NativeImage, trays: StandInTray[]) {
    super();
    this.image = (image as unknown as StandInImage).path;
    trays.push(this);
  }

  setImage(image: E.NativeImage | string): void {
    this.image = typeof image === 'string' ? image : (image as unknown as StandInImage).path;
  }

  setTitle(title: string, _options?: E.TitleOptions): void {
    this.title = title;
  }

  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }

  popUpContextMenu(menu?: E.Menu, _position?: E.Point): void {
    this.menu = (menu as unknown as StandInMenu | undefined) ?? null;
  }

  getBounds(): E.Rectangle {
    return { ...TRAY_BOUNDS };
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** A left click on the icon. */
  click(): void {
    this.emit('click', {}, this.getBounds());
  }

  /** A right click: the menu the app pops up, as it shows now. */
  openMenu(): StandInMenuItem[] {
    this.menu = null;
    this.emit('right-click', {}, this.getBounds());
    if (!this.menu) throw new Error('The app popped up no menu on right-click.');
    return (this.menu as StandInMenu).items;
  }
}

export const standInMenu: ElectronSurface['Menu'] = {
  buildFromTemplate: (template) => new StandInMenu(template) as unknown as E.Menu,
};

export const standInNativeImage: ElectronSurface['nativeImage'] = {
  createFromPath: (path) => new StandInImage(path) as unknown as E.NativeImage,
};
