/**
 * Reading Electron's installer (node_modules/electron/install.js) for a person: the one clause its
 * error output boils down to, the environment that makes it honour a proxy, where it caches, and the
 * progress line. Pure.
 */
import { join } from 'node:path';

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const STACK_LINE = /^\s*at\s/;
const ERROR_LINE = /^[\w.]*(Error|Exception)\b[^:]*:\s*\S/;

/**
 * The clause naming what went wrong, from the installer's stderr: install.js prints the error's stack
 * (`HTTPError: Response code 404 (Not Found) for https://…/electron-v45.5.0-darwin-arm64.zip`), node
 * prints a source excerpt before an uncaught one. The error line wins, else the first line of text.
 */
export function getInstallerProblem(stderr: string, exitCode: number | null, signal: string | null): string {
  const lines = stderr
    .replace(ANSI, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !STACK_LINE.test(l));
  const line = lines.find((l) => ERROR_LINE.test(l)) ?? lines[0];
  const why = line
    ? line.replace(/\.$/, '').replace(/\.\s+/g, '; ')
    : `it exited with ${signal ? `signal ${signal}` : `code ${exitCode}`} and no message`;
  // fetch() hides the network error's cause: say what it means.
  return /\bfetch failed$/.test(why)
    ? `${why}: a network error — check the connection, HTTPS_PROXY or ELECTRON_MIRROR`
    : why;
}

const PROXY_KEYS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/**
 * The installer's environment: the user's own (ELECTRON_MIRROR, electron_config_cache, … pass through),
 * plus what makes it use a proxy. `@electron/get` uses one only with ELECTRON_GET_USE_PROXY (through
 * undici's EnvHttpProxyAgent), and newer Node's fetch only with NODE_USE_ENV_PROXY; npm hands its own
 * `proxy`/`https-proxy` settings to scripts as npm_config_* variables.
 */
export function getInstallerEnv(env: NodeJS.ProcessEnv, tempDir: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, TMPDIR: tempDir, TMP: tempDir, TEMP: tempDir };
  if (!PROXY_KEYS.some((k) => env[k])) {
    if (env.npm_config_https_proxy) out.HTTPS_PROXY = env.npm_config_https_proxy;
    if (env.npm_config_proxy) out.HTTP_PROXY = env.npm_config_proxy;
  }
  if (PROXY_KEYS.some((k) => out[k])) {
    out.ELECTRON_GET_USE_PROXY ??= '1';
    out.NODE_USE_ENV_PROXY ??= '1';
  }
  return out;
}

/** Where `@electron/get` caches downloads (env-paths('electron').cache), or `electron_config_cache`. */
export function getElectronCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (env.electron_config_cache) return env.electron_config_cache;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'electron');
}

/** Where the archive comes from: the mirror when set, else Electron's GitHub releases. */
export function getDownloadSource(env: NodeJS.ProcessEnv): string {
  return (
    env.npm_config_electron_mirror ||
    env.ELECTRON_MIRROR ||
    'https://github.com/electron/electron/releases/download/'
  );
}

/** `12.3 MB`. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** One progress line: bytes received so far and seconds waited, out of the bounded wait. */
export function getProgressLine(bytes: number, elapsedMs: number, timeoutMs: number): string {
  const s = Math.floor(elapsedMs / 1000);
  return `  … ${formatMegabytes(bytes)} received after ${s} s (gives up after ${Math.round(timeoutMs / 1000)} s)`;
}
