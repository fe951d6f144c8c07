/** Every file the app loads, from where its bundle runs. Pure, so tests can point it anywhere. */
import { join } from 'node:path';

export interface AppPaths {
  /** dist/electron/preload.cjs */
  preload: string;
  /** dist/renderer/index.html (built by vite). */
  rendererIndex: string;
  rendererDir: string;
  /** Tray template images (copied to dist/electron/tray by scripts/build-electron.mjs). */
  trayIconDir: string;
}

/**
 * @param appPath - `app.getAppPath()`: the project root in development, `…/app.asar` when packaged.
 */
export function getAppPaths(appPath: string): AppPaths {
  const dist = join(appPath, 'dist');
  return {
    preload: join(dist, 'electron', 'preload.cjs'),
    rendererIndex: join(dist, 'renderer', 'index.html'),
    rendererDir: join(dist, 'renderer'),
    trayIconDir: join(dist, 'electron', 'tray'),
  };
}
