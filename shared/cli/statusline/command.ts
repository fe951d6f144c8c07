/**
 * The statusline command's options: --help, --install, --uninstall (with --config-dir, --force); the
 * line's own --segment/--format are handled on the per-update path (line-args.ts).
 * Loaded lazily by entry.ts, so none of this costs the per-update line anything.
 */
import { writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { normalizeConfigDir } from '../../domain/config-dir';
import { getTransientInstallWarning } from '../../domain/install-location';
import {
  type CommandSpec,
  type OptionValues,
  parseCommandLine,
  usageMessage,
  wantsHelp,
} from '../args/parse-command-line';
import { getStatuslineHelp } from './help';
import { getStatuslineCommand, type InstallOutcome, installStatusline, uninstallStatusline } from './install';

/** Synchronous, so nothing is lost when the process exits right after (macOS pipes are async). */
function out(fd: 1 | 2, text: string): void {
  writeSync(fd, text);
}

/** The statusline's options, in the CLI's one grammar (shared/cli/args/parse-command-line.ts). */
const STATUSLINE_SPEC = {
  name: 'statusline',
  options: {
    install: { type: 'boolean' },
    uninstall: { type: 'boolean' },
    force: { type: 'boolean' },
    'config-dir': { type: 'string', valueName: 'a directory' },
    // The line's own options (line-args.ts) reach here only mixed with others, or incomplete.
    segment: { type: 'boolean' },
    format: { type: 'string', valueName: 'a format' },
  },
} as const satisfies CommandSpec;

/** Exit code of a usage error, as for every other command (docs/contracts.md). */
const EXIT_USAGE = 64;

type ParsedArgs = OptionValues<typeof STATUSLINE_SPEC.options>;

function parseArgs(args: string[]): ParsedArgs | { help: true } | string {
  if (wantsHelp(args)) return { help: true };
  const parsed = parseCommandLine(STATUSLINE_SPEC, args);
  if (!parsed.ok) return parsed.message;
  const v = parsed.values;
  if (v.segment || v.format !== undefined)
    return usageMessage(
      'statusline',
      `prints the line with ${v.segment ? '--segment' : '--format'}; it does not combine with --install or --uninstall`,
    );
  if (v.install && v.uninstall) return usageMessage('statusline', 'takes --install or --uninstall, not both');
  if (!v.install && !v.uninstall)
    return usageMessage('statusline', 'takes --force and --config-dir only with --install or --uninstall');
  if (v.force && !v.install) return usageMessage('statusline', 'takes --force only with --install');
  return v;
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

/**
 * Runs the options and returns the exit code: 0 done, 1 refused or failed, 64 a usage error (each with
 * one sentence on stderr).
 */
export async function runStatuslineOptions(
  args: string[],
  ctx: { binPath: string; env?: NodeJS.ProcessEnv; execPath?: string },
): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    out(2, `quota-broker: ${parsed}\n`);
    return EXIT_USAGE;
  }
  if ('help' in parsed) {
    out(1, getStatuslineHelp());
    return 0;
  }
  const env = ctx.env ?? process.env;
  const home = env.HOME || homedir();
  const configDir = resolve(
    normalizeConfigDir(parsed['config-dir'] || env.CLAUDE_CONFIG_DIR || `${home}/.claude`, home),
  );
  const command = getStatuslineCommand(ctx.execPath ?? process.execPath, ctx.binPath);
  const outcome = parsed.install
    ? await installStatusline({ configDir, command, force: parsed.force === true })
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
