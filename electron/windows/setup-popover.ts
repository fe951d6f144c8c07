/** Creates the popover window with its options and every content-security guard. */

import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, Shell } from 'electron';
import type { Logger } from '../../shared/ports/logger';
import type { AppPaths } from '../app-paths';
import { type ContentSecurityDeps, setupContentSecurity } from './content-security';
import { createPopover, type Popover, type PopoverDeps, type PopoverWindowLike } from './popover-window';
import { getRendererUrlPrefix } from './url-policy';
import { getPopoverWindowOptions } from './window-options';

/** What the app uses of a BrowserWindow: the popover's part and the content-security guards' part. */
export type AppWindowLike = PopoverWindowLike & {
  webContents: PopoverWindowLike['webContents'] & ContentSecurityDeps['webContents'];
};

export interface SetupPopoverDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => AppWindowLike;
  screen: PopoverDeps['screen'];
  session: ContentSecurityDeps['session'];
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
      return win;
    },
    screen: deps.screen,
    options: getPopoverWindowOptions({ preloadPath: deps.paths.preload, devTools: deps.devTools }),
    indexPath: deps.paths.rendererIndex,
  });
  return { popover, indexUrl };
}
