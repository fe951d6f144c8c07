/**
 * `quota-broker shell-init bash|zsh|fish`: prints shell functions that start Claude Code on each slot
 * (`claude1…claudeN` in registry order, plus `claude-<id>`), for `eval` in a shell's rc file
 * (docs/contracts.md "Launching Claude Code on a slot"). The functions call this installation by
 * absolute path, so they work whatever PATH the shell has.
 */
import { getShellFunctions, renderShellInit, SHELLS, type Shell } from '../../../domain/shell-init';
import { CliError, EXIT_USAGE } from '../../cli-error';
import type { CliContext } from '../../context';
import { getSelfCommand } from '../../self-command';
import { loadLaunchSlots } from './launch-slots';

export const SHELL_INIT_HELP = `Usage: quota-broker shell-init bash|zsh|fish

Prints shell functions that start Claude Code on each slot through
"quota-broker run": claude1, claude2, … in registry order, and one named
claude-<slot id> per slot (the id itself when it starts with "claude-").
Arguments go to claude: claude2 --resume.

  bash  ~/.bashrc:                  eval "$(quota-broker shell-init bash)"
  zsh   ~/.zshrc:                   eval "$(quota-broker shell-init zsh)"
  fish  ~/.config/fish/config.fish: quota-broker shell-init fish | source

An alias of the same name (an old alias claude1=…) is replaced. The functions
follow the registry each time a shell starts.`;

/** Prints the script for the shell named in `args` (checked by its table entry: one argument). */
export async function shellInitCommand(ctx: CliContext, args: string[]): Promise<number> {
  const shell = args[0];
  if (!shell || !(SHELLS as readonly string[]).includes(shell))
    throw new CliError(
      `shell-init needs the shell: ${SHELLS.join(', ')}${shell ? ` (got "${shell}")` : ''}. Run: quota-broker shell-init --help`,
      EXIT_USAGE,
    );
  const { slots, error } = await loadLaunchSlots(ctx);
  // The script is eval'd: problems go to stderr, where the shell shows them at start-up.
  if (error) ctx.stderr.write(`quota-broker: ${error}\n`);
  const functions = getShellFunctions(slots.map((s) => s.id));
  ctx.stdout.write(renderShellInit(shell as Shell, functions, getSelfCommand()));
  return 0;
}
