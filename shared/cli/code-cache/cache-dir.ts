/**
 * Where the CLI bundle's V8 code cache lives (docs/ARCHITECTURE.md "How a CLI process starts"): the user's cache dir,
 * never the state dir (it is not state: deleting it only costs the next start ~40 ms).
 */
import { isAbsolute, join } from 'node:path';

/**
 * `$XDG_CACHE_HOME/quota-broker`, else `~/Library/Caches/quota-broker` on macOS and
 * `~/.cache/quota-broker` elsewhere; null when there is no usable home (then nothing is cached).
 */
export function getCodeCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  homedir: () => string,
): string | null {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'quota-broker');
  let home = env.HOME;
  if (!home) {
    try {
      home = homedir();
    } catch {
      return null;
    }
  }
  if (!home || !isAbsolute(home)) return null;
  return platform === 'darwin'
    ? join(home, 'Library', 'Caches', 'quota-broker')
    : join(home, '.cache', 'quota-broker');
}
