/**
 * The statusline command's options: --help, --install, --uninstall (with --config-dir, --force).
 * Loaded lazily by entry.ts, so none of this costs the per-update line anything.
 */
import { writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { normalizeConfigDir } from '../../domain/config-dir';
import { getTransientInstallWarning } from '../../domain/install-location';
import { getStatuslineHelp } from './help';
import { getStatuslineCommand, type InstallOutcome, installStatusline, uninstallStatusline } from './install';

/** Synchronous, so nothing is lost when the process exits right after (macOS pipes are async). */
function out(fd: 1 | 2, text: string): void {
  writeSync(fd, text);
}

interface ParsedArgs {
  help: boolean;
  install: boolean;
  uninstall: boolean;
  force: boolean;
  configDir?: string;
}

function parseArgs(args: string[]): ParsedArgs | string {
  const out: ParsedArgs = { help: false, install: false, uninstall: false, force: false };
  let lineOption: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') out.help = true;
    // The line's own options (line-args.ts) reach here only mixed with others, or incomplete.
    else if (a === '--segment' || a.startsWith('--format=')) lineOption ??= a;
    else if (a === '--format' && args[i + 1] != null) {
      lineOption ??= a;
      i++;
    } else if (a === '--install') out.install = true;
    else if (a === '--uninstall') out.uninstall = true;
    else if (a === '--force') out.force = true;
    else if (a === '--config-dir' && args[i + 1] != null && !args[i + 1].startsWith('--'))
      out.configDir = args[++i];
    else if (a.startsWith('--config-dir=') && a.length > '--config-dir='.length) out.configDir = a.slice(13);
    else return `Unknown or incomplete option "${a}".`;
  }
  if (lineOption && !out.help)
    return `${lineOption} prints the line; it does not combine with --install or --uninstall.`;
  if (out.install && out.uninstall) return 'Choose one of --install and --uninstall.';
  if (!out.help && !out.install && !out.uninstall) return 'Options need --install or --uninstall.';
  return out;
}

function getOutcomeMessage(outcome: Extract<InstallOutcome, { ok: true }>, command: string): string {
  const p = outcome.settingsPath;
  switch (outcome.action) {
    case 'installed':
      return `Added the Quota Broker statusline to ${p} (${command}). New Claude Code sessions show it.`;
    case 'updated':
      return `Updated the Quota Broker statusline in ${p} (${command}).`;
    case 'unchanged':
      return `The Quota Broker statusline is already installed in ${p}.`;
    case 'replaced':
      return `Replaced the statusLine in ${p} (saved; --uninstall puts it back): ${JSON.stringify(outcome.previous)}`;
    case 'removed':
      return `Removed the Quota Broker statusline from ${p}.`;
    case 'restored':
      return `Removed the Quota Broker statusline from ${p} and restored the previous one.`;
    case 'absent':
      return `${p} has no statusLine: nothing to remove.`;
    case 'not-ours':
      return `The statusLine in ${p} is not Quota Broker's; left unchanged.`;
  }
}

/** Runs the options and returns the exit code: 0 done, 1 refused or failed (with a sentence on stderr). */
export async function runStatuslineOptions(
  args: string[],
  ctx: { binPath: string; env?: NodeJS.ProcessEnv; execPath?: string },
): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    out(2, `quota-broker statusline: ${parsed} See quota-broker statusline --help.\n`);
    return 1;
  }
  if (parsed.help) {
    out(1, getStatuslineHelp());
    return 0;
  }
  const env = ctx.env ?? process.env;
  const home = env.HOME || homedir();
  const configDir = resolve(
    normalizeConfigDir(parsed.configDir || env.CLAUDE_CONFIG_DIR || `${home}/.claude`, home),
  );
  const command = getStatuslineCommand(ctx.execPath ?? process.execPath, ctx.binPath);
  const outcome = parsed.install
    ? await installStatusline({ configDir, command, force: parsed.force })
    : await uninstallStatusline({ configDir });
  if (!outcome.ok) {
    out(2, `quota-broker statusline: ${outcome.message}\n`);
    return 1;
  }
  out(1, `${getOutcomeMessage(outcome, command)}\n`);
  const warning = parsed.install ? getTransientInstallWarning(ctx.binPath) : null;
  if (warning) out(2, `quota-broker statusline: ${warning}\n`);
  return 0;
}
