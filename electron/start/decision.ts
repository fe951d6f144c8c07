/**
 * What `npm start` runs (scripts/start.mjs → run-start.ts): the menu-bar app where Electron can run,
 * after running Electron's own installer when its binary is missing; else the same engine headless with
 * the local dashboard (`quota-broker serve`) and one sentence naming the real reason. Pure: the caller
 * probes the machine and runs the installer. Electron-free on purpose — it runs under plain node.
 * docs/electron.md, "Install and start", describes the same table.
 */

export interface StartProbe {
  platform: NodeJS.Platform;
  /** Where the electron package keeps its binary ({@link getElectronBinaryPath}), or null without the package. */
  electronBinary: string | null;
  /** Whether a file exists at `electronBinary`. */
  electronBinaryExists: boolean;
  env: NodeJS.ProcessEnv;
  /** `process.versions.node`. */
  nodeVersion: string;
  /**
   * Whether this node's `require()` loads ES modules (`process.features.require_module`): Electron's
   * installer (node_modules/electron/install.js) requires the ESM-only `@electron/get`.
   */
  requireEsm: boolean;
  /** What Electron's installer did, once it has run. */
  install?: InstallOutcome;
}

/** The installer's result: `problem` is one clause naming the real reason (its error, or the timeout). */
export type InstallOutcome = { ok: true } | { ok: false; problem: string };

export type StartDecision =
  | { mode: 'electron'; binary: string }
  | { mode: 'install' }
  | { mode: 'headless'; reason: string };

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
/** The electron package's historical opt-out from its binary download; `npm start` honours it too. */
export const SKIP_DOWNLOAD_ENV = 'ELECTRON_SKIP_BINARY_DOWNLOAD';

/** True for a set opt-out (`1`, `true`, anything but empty, `0` or `false`). */
export function isOptedOut(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false'].includes(value.trim().toLowerCase());
}

function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  // macOS and Windows always have a window server for a logged-in user; Linux/BSD need X11 or Wayland.
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

const CANNOT_START = 'so the menu-bar app cannot start.';

/**
 * Decides between the Electron app, running Electron's installer first, and the headless dashboard.
 * A headless decision carries one sentence saying why, for the terminal. Called again with `install`
 * set once the installer has run.
 */
export function getStartDecision(probe: StartProbe): StartDecision {
  if (probe.env[HEADLESS_ENV] === '1') {
    return { mode: 'headless', reason: `${HEADLESS_ENV}=1 asks for the headless engine.` };
  }
  if (!probe.electronBinary) {
    return {
      mode: 'headless',
      reason: `The electron package is not installed (run npm install), ${CANNOT_START}`,
    };
  }
  if (!hasDisplay(probe.platform, probe.env)) {
    return {
      mode: 'headless',
      reason:
        'There is no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the menu-bar app cannot show.',
    };
  }
  if (probe.electronBinaryExists) return { mode: 'electron', binary: probe.electronBinary };
  if (probe.install?.ok === false) {
    return {
      mode: 'headless',
      reason: `Electron's installer failed (${probe.install.problem}), ${CANNOT_START}`,
    };
  }
  if (probe.install?.ok) {
    return {
      mode: 'headless',
      reason: `Electron's installer finished but left no binary at ${probe.electronBinary}, ${CANNOT_START}`,
    };
  }
  if (isOptedOut(probe.env[SKIP_DOWNLOAD_ENV])) {
    return {
      mode: 'headless',
      reason: `${SKIP_DOWNLOAD_ENV}=${probe.env[SKIP_DOWNLOAD_ENV]} opts out of downloading Electron's binary (unset it to download it on this start), ${CANNOT_START}`,
    };
  }
  if (!probe.requireEsm) {
    return {
      mode: 'headless',
      reason: `Node ${probe.nodeVersion} cannot run Electron's installer (it needs Node 22.12 or newer; 20.19 and newer also work), ${CANNOT_START}`,
    };
  }
  return { mode: 'install' };
}
