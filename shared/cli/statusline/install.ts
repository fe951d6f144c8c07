/**
 * `statusline --install / --uninstall`: adds or removes Quota Broker's `statusLine` in a Claude Code
 * config dir's settings.json, editing only that member (settings-text.ts) and writing atomically.
 * A statusLine that is not ours is replaced only with --force; it is then saved next to settings.json
 * and put back by --uninstall.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../../adapters/fs/atomic-write';
import { isQuotaBrokerStatusLine, STATUSLINE_ENV_PREFIX } from '../../domain/statusline/install-command';
import { removeTopLevelMember, setTopLevelMember } from './settings-text';

/**
 * `statusLine.refreshInterval` written by --install (seconds): Claude Code re-runs the line this often in
 * addition to conversation events (docs/claude-code.md "The statusLine"), so an idle session's line ages
 * and shows a login that died. A value a person set is kept.
 */
export const STATUSLINE_REFRESH_INTERVAL_S = 60;

/** Where a statusLine replaced with --force is kept until --uninstall restores it. */
export const BACKUP_FILE = 'statusline-backup.quota-broker.json';

export interface StatusLineSetting {
  type: 'command';
  command: string;
  padding?: number;
  [key: string]: unknown;
}

export type InstallOutcome =
  | {
      ok: true;
      action:
        | 'installed'
        | 'updated'
        | 'unchanged'
        | 'replaced'
        | 'removed'
        | 'restored'
        | 'absent'
        | 'not-ours';
      settingsPath: string;
      previous?: unknown;
    }
  | { ok: false; code: 'no-config-dir' | 'not-json' | 'different-statusline' | 'io'; message: string };

const SAFE_SHELL_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

function quote(word: string, platform: NodeJS.Platform): string {
  if (SAFE_SHELL_WORD.test(word)) return word;
  return platform === 'win32' ? `"${word}"` : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The statusLine command: absolute paths of node and of bin/quota-broker.cjs (symlinks resolved), so it
 * works in whatever shell and PATH Claude Code runs it with (an IDE, a launchd-started terminal, nvm not
 * loaded) and starts as fast as possible (no `env node` lookup). Re-run --install after moving node.
 * On macOS and Linux it starts with STATUSLINE_ENV_PREFIX: node without the session's
 * NODE_EXTRA_CA_CERTS, which is handed on to the refresh (docs/statusline.md "Install"). Windows, out of
 * scope, gets the bare command.
 */
export function getStatuslineCommand(execPath: string, binPath: string, platform = process.platform): string {
  let bin = binPath;
  try {
    bin = realpathSync(binPath);
  } catch {
    // Not installed at that path (tests): keep it as given.
  }
  const prefix = platform === 'win32' ? '' : STATUSLINE_ENV_PREFIX;
  return `${prefix}${quote(execPath, platform)} ${quote(bin, platform)} statusline`;
}

export { isQuotaBrokerStatusLine };

interface SettingsFile {
  path: string;
  text: string | null;
  bom: string;
  data: Record<string, unknown>;
  mode: number;
}

async function loadSettings(
  configDir: string,
): Promise<SettingsFile | Extract<InstallOutcome, { ok: false }>> {
  if (!existsSync(configDir) || !statSync(configDir).isDirectory()) {
    return {
      ok: false,
      code: 'no-config-dir',
      message: `Config dir ${configDir} does not exist: check the path (or log in there with Claude Code first).`,
    };
  }
  const path = join(configDir, 'settings.json');
  let raw: string | null;
  try {
    raw = await readTextIfExists(path);
  } catch (e) {
    return { ok: false, code: 'io', message: `Cannot read ${path}: ${(e as Error).message}` };
  }
  const bom = raw?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = raw == null ? null : raw.slice(bom.length);
  if (text == null || text.trim() === '') return { path, text: null, bom, data: {}, mode: 0o600 };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      code: 'not-json',
      message: `${path} is not valid JSON (${(e as Error).message}); fix it first, nothing was changed.`,
    };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      code: 'not-json',
      message: `${path} does not hold a JSON object; fix it first, nothing was changed.`,
    };
  }
  return { path, text, bom, data: data as Record<string, unknown>, mode: statSync(path).mode & 0o777 };
}

async function save(
  file: SettingsFile,
  text: string,
): Promise<Extract<InstallOutcome, { ok: false }> | null> {
  try {
    // Claude Code's own settings.json, which a dotfiles setup may link: written through the link on purpose.
    await writeFileAtomic(file.path, file.bom + text, { mode: file.mode, symlink: 'follow' });
    return null;
  } catch (e) {
    return { ok: false, code: 'io', message: `Cannot write ${file.path}: ${(e as Error).message}` };
  }
}

/** Adds (or updates) our statusLine in `<configDir>/settings.json`; see InstallOutcome for the cases. */
export async function installStatusline(opts: {
  configDir: string;
  command: string;
  force: boolean;
}): Promise<InstallOutcome> {
  const file = await loadSettings(opts.configDir);
  if ('ok' in file) return file;
  const existing = file.data.statusLine;
  const ours = isQuotaBrokerStatusLine(existing);
  if (existing !== undefined && !ours && !opts.force) {
    return {
      ok: false,
      code: 'different-statusline',
      message: `${file.path} already has a statusLine (${JSON.stringify(existing)}); rerun with --force to replace it (it is saved and --uninstall puts it back).`,
    };
  }
  // Keeps what a person set in our entry (refreshInterval, padding).
  const base = ours ? (existing as Record<string, unknown>) : {};
  const value: StatusLineSetting = {
    ...base,
    type: 'command',
    command: opts.command,
    padding: (base.padding as number) ?? 0,
    refreshInterval: base.refreshInterval ?? STATUSLINE_REFRESH_INTERVAL_S,
  };
  if (ours && JSON.stringify(value) === JSON.stringify(existing))
    return { ok: true, action: 'unchanged', settingsPath: file.path };
  if (existing !== undefined && !ours) {
    const backup = join(opts.configDir, BACKUP_FILE);
    const err = await writeBackup(backup, existing);
    if (err) return err;
  }
  const text =
    file.text == null
      ? `${JSON.stringify({ statusLine: value }, null, 2)}\n`
      : setTopLevelMember(file.text, 'statusLine', value);
  const err = await save(file, text);
  if (err) return err;
  const action = existing === undefined ? 'installed' : ours ? 'updated' : 'replaced';
  return { ok: true, action, settingsPath: file.path, previous: ours ? undefined : existing };
}

async function writeBackup(
  path: string,
  previous: unknown,
): Promise<Extract<InstallOutcome, { ok: false }> | null> {
  try {
    const body = { statusLine: previous, replaced_at: new Date().toISOString() };
    await writeFileAtomic(path, `${JSON.stringify(body, null, 2)}\n`);
    return null;
  } catch (e) {
    return {
      ok: false,
      code: 'io',
      message: `Cannot save the current statusLine to ${path}: ${(e as Error).message}`,
    };
  }
}

/** Removes our statusLine, restoring one that --install --force replaced; leaves anyone else's alone. */
export async function uninstallStatusline(opts: { configDir: string }): Promise<InstallOutcome> {
  const file = await loadSettings(opts.configDir);
  if ('ok' in file) return file;
  const existing = file.data.statusLine;
  if (file.text == null || existing === undefined)
    return { ok: true, action: 'absent', settingsPath: file.path };
  if (!isQuotaBrokerStatusLine(existing))
    return { ok: true, action: 'not-ours', settingsPath: file.path, previous: existing };
  const backupPath = join(opts.configDir, BACKUP_FILE);
  const previous = await readBackup(backupPath);
  const text =
    previous === undefined
      ? removeTopLevelMember(file.text, 'statusLine')
      : setTopLevelMember(file.text, 'statusLine', previous);
  const err = await save(file, text);
  if (err) return err;
  if (previous !== undefined) await unlink(backupPath).catch(() => undefined);
  return {
    ok: true,
    action: previous === undefined ? 'removed' : 'restored',
    settingsPath: file.path,
    previous,
  };
}

async function readBackup(path: string): Promise<unknown> {
  try {
    const body = JSON.parse(await readFile(path, 'utf8')) as { statusLine?: unknown };
    return body.statusLine ?? undefined;
  } catch {
    return undefined;
  }
}
