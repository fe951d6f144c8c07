/**
 * What `npm start` runs (scripts/start.mjs): the menu-bar app where Electron can run, else the same
 * engine headless with the local dashboard (`quota-broker serve`). Pure: the caller probes the machine.
 * Electron-free on purpose — start.mjs loads it under plain node.
 */

export interface StartProbe {
  platform: NodeJS.Platform;
  /** Where the electron package keeps its binary ({@link getElectronBinaryPath}), or null without the package. */
  electronBinary: string | null;
  /** Whether a file exists at `electronBinary`. */
  electronBinaryExists: boolean;
  env: NodeJS.ProcessEnv;
}

export type StartDecision = { mode: 'electron'; binary: string } | { mode: 'headless'; reason: string };

/** The executable inside the electron package's dist/ when its path.txt is missing (download never ran). */
const DEFAULT_EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/**
 * Where the electron package keeps its binary, computed as its index.js does but without its side
 * effect: requiring 'electron' under node starts a download when the binary is missing.
 * @param electronDir - node_modules/electron
 * @param pathTxt - the contents of its path.txt, or null when absent
 */
export function getElectronBinaryPath(
  electronDir: string,
  pathTxt: string | null,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): string {
  const executable = pathTxt?.trim() || DEFAULT_EXECUTABLE[platform] || 'electron';
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || `${electronDir}/dist`;
  return `${dist.replace(/\/+$/, '')}/${executable}`;
}

/** Set to 1 to skip Electron even where it could run. */
export const HEADLESS_ENV = 'QUOTA_BROKER_HEADLESS';

function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  // macOS and Windows always have a window server for a logged-in user; Linux/BSD need X11 or Wayland.
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Decides between the Electron app and the headless dashboard. A headless decision carries one
 * sentence saying why, for the terminal.
 */
export function getStartDecision(probe: StartProbe): StartDecision {
  if (probe.env[HEADLESS_ENV] === '1') {
    return { mode: 'headless', reason: `${HEADLESS_ENV}=1 asks for the headless engine.` };
  }
  if (!probe.electronBinary) {
    return {
      mode: 'headless',
      reason: 'The electron package is not installed, so the menu-bar app cannot start.',
    };
  }
  if (!probe.electronBinaryExists) {
    return {
      mode: 'headless',
      reason: `Electron's binary is missing at ${probe.electronBinary} (it could not be downloaded here), so the menu-bar app cannot start.`,
    };
  }
  if (!hasDisplay(probe.platform, probe.env)) {
    return {
      mode: 'headless',
      reason:
        'There is no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the menu-bar app cannot show.',
    };
  }
  return { mode: 'electron', binary: probe.electronBinary };
}
