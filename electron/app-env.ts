/**
 * The environment the app's engine runs with. An app started from Finder or at login gets launchd's
 * PATH (`/usr/bin:/bin:/usr/sbin:/sbin`), where neither `claude` nor `node` is found; append the
 * places their installers use. Pure.
 */
import { delimiter, join } from 'node:path';

/** Directories appended to PATH (when missing), in order. */
export function getExtraPathDirs(home: string, platform: NodeJS.Platform): string[] {
  const dirs = [
    join(home, '.local', 'bin'),
    join(home, '.claude', 'local'),
    join(home, '.npm-global', 'bin'),
  ];
  if (platform === 'darwin') dirs.push('/opt/homebrew/bin', '/usr/local/bin');
  else if (platform !== 'win32') dirs.push('/usr/local/bin');
  return dirs;
}

/** A copy of `env` whose PATH also holds the usual install locations of `claude` and `node`. */
export function getAppEnv(
  env: NodeJS.ProcessEnv,
  home: string,
  platform: NodeJS.Platform,
): NodeJS.ProcessEnv {
  const current = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const extra = getExtraPathDirs(home, platform).filter((d) => !current.includes(d));
  return { ...env, PATH: [...current, ...extra].join(delimiter) };
}
