/**
 * Comparing Claude Code config dirs the way the registry means them: exactly as exported in
 * `CLAUDE_CONFIG_DIR` first, then tolerant of a trailing slash, a leading `~` and Unicode form.
 * Pure: `home` is an argument.
 */

/**
 * `~` expanded (as a shell would before exporting CLAUDE_CONFIG_DIR); nothing else changes, so the result
 * can name a keychain item (which hashes the exact string).
 */
export function expandTilde(dir: string, home: string): string {
  if (dir === '~') return home;
  return dir.startsWith('~/') ? `${home}${dir.slice(1)}` : dir;
}

/** `dir` in NFC with a leading `~` expanded and trailing slashes removed (the root stays `/`). */
export function normalizeConfigDir(dir: string, home: string): string {
  let d = dir.normalize('NFC');
  if (d === '~') d = home;
  else if (d.startsWith('~/')) d = home.replace(/\/+$/, '') + d.slice(1);
  const stripped = d.replace(/\/+$/, '');
  return stripped === '' && d.startsWith('/') ? '/' : stripped;
}

/** True when two config dirs name the same directory (exact string, else normalized). */
export function isSameConfigDir(a: string, b: string, home: string): boolean {
  return a === b || normalizeConfigDir(a, home) === normalizeConfigDir(b, home);
}

/** True when `path` lies inside config dir `dir` (a transcript under `<dir>/projects/…`). */
export function isInsideConfigDir(path: string, dir: string, home: string): boolean {
  const d = normalizeConfigDir(dir, home);
  if (d === '' || d === '/') return false;
  return normalizeConfigDir(path, home).startsWith(`${d}/`);
}

/** The config dir a transcript path implies (`<dir>/projects/<project>/<session>.jsonl`), else null. */
export function getConfigDirOfTranscript(path: string): string | null {
  const i = path.lastIndexOf('/projects/');
  return i > 0 ? path.slice(0, i) : null;
}

/** A short human name for a config dir: its last segment without the leading dot (`.claude-work` → `claude-work`). */
export function getConfigDirLabel(dir: string): string {
  const parts = dir.replace(/\/+$/, '').split('/');
  return (parts[parts.length - 1] ?? '').replace(/^\.+/, '');
}
