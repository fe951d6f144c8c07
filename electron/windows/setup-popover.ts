/** Creates the popover window with its options and every content-security guard. */

import { pathToFileURL } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions, Screen, Session, Shell } from 'electron';
import type { Logger } from '../../shared/ports/logger';
import type { AppPaths } from '../app-paths';
import { setupContentSecurity } from './content-security';
import { createPopover, type Popover, type PopoverWindowLike } from './popover-window';
import { getRendererUrlPrefix } from './url-policy';
import { getPopoverWindowOptions } from './window-options';

export interface SetupPopoverDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  screen: Pick<Screen, 'getDisplayNearestPoint'>;
  session: Session;
  shell: Pick<Shell, 'openExternal'>;
  paths: AppPaths;
  devTools: boolean;
  logger: Logger;
}

/** The popover plus the file:// URL its IPC senders must show. */
export function setupPopover(deps: SetupPopoverDeps): { popover: Popover; indexUrl: string } {
  const indexUrl = pathToFileURL(deps.paths.rendererIndex).href;
  const popover = createPopover({
    createWindow: (options) => {
      const win = deps.createWindow(options);
      setupContentSecurity({
        webContents: win.webContents,
        session: deps.session,
        shell: deps.shell,
        indexUrl,
        rendererUrlPrefix: getRendererUrlPrefix(deps.paths.rendererDir),
        logger: deps.logger,
      });
      return win as PopoverWindowLike;
    },
    screen: deps.screen,
    options: getPopoverWindowOptions({ preloadPath: deps.paths.preload, devTools: deps.devTools }),
    indexPath: deps.paths.rendererIndex,
  });
  return { popover, indexUrl };
}
