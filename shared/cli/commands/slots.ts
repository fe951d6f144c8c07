import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { readCredentials } from '../../adapters/credentials/credentials';
import { getCredentialTarget } from '../../adapters/credentials/keychain-naming';
import { DEFAULT_CONFIG_DIR } from '../../adapters/registry/parse-registry';
import {
  addAccount,
  editRegistry,
  loadRegistry,
  removeAccount,
  setEnabled,
  setStatuses,
} from '../../adapters/registry/registry-store';
import { expandTilde, isSameConfigDir } from '../../domain/config-dir';
import { SLOT_ID_PATTERN, SLOT_ID_RULE } from '../../domain/slot-id';
import { DEFAULT_SLOT_ID } from '../../domain/types';
import { usageMessage } from '../args/parse-command-line';
import { CliError, EXIT_USAGE, unknownSlotError } from '../cli-error';
import type { CliContext } from '../context';
import { SLOTS_ADOPT_HELP } from './slots-adopt';
import { slotsListCommand } from './slots-list';

export const SLOTS_HELP = `Usage: quota-broker slots <list|add|remove|enable|disable|discover|import> ...

  slots list [--json]                         the configured slots (--json: schema in
                                              docs/json.md)
  slots add <id> <config_dir> [--email E] [--label L]
                                              add an account (id: [a-z0-9-]+; config_dir
                                              as you export CLAUDE_CONFIG_DIR, without a
                                              trailing slash); a config dir another slot
                                              has already (~/x, /home/me/x/) is refused
  slots add <id> --default                    the account plain \`claude\` uses (no
                                              CLAUDE_CONFIG_DIR: ~/.claude)
  slots remove <id>                           remove it from the registry (nothing else)
  slots enable <id> | slots disable <id>      resume or stop polling it (enable also
                                              marks an inactive slot active again, so
                                              the next cycle checks its login)
${SLOTS_ADOPT_HELP}

The registry is <state dir>/claude-sessions.yaml (QUOTA_BROKER_SESSIONS); edits keep
its comments and order.`;

async function isDefaultLoggedIn(ctx: CliContext): Promise<boolean> {
  const target = getCredentialTarget(null, ctx.deps.paths.defaultConfigDir);
  return (await readCredentials(ctx.deps.store, target)).state === 'ok';
}

/** An id the registry does not have is a usage error (64), as for every command that takes one. */
async function mustExist(file: string, id: string): Promise<void> {
  const load = await loadRegistry(file);
  const slots = load.state === 'ok' ? load.registry.slots : load.state === 'absent' ? [] : null;
  if (slots && !slots.some((s) => s.id === id)) throw unknownSlotError(id, slots);
}

/**
 * Runs `slots <sub>` with its arguments, already checked against its table entry (commands/table.ts):
 * `add` has <id> [config_dir], `remove`/`enable`/`disable` have <id>, `list` none.
 */
export async function slotsCommand(
  ctx: CliContext,
  sub: string,
  args: string[],
  flags: { email?: string; label?: string; default?: boolean; json?: boolean },
): Promise<number> {
  const file = ctx.deps.paths.registry;
  const [id, dir] = args;
  const edit = async (fn: Parameters<typeof editRegistry>[1]) => {
    try {
      return await editRegistry(file, fn, ctx.deps.fs);
    } catch (e) {
      throw new CliError((e as Error).message);
    }
  };
  switch (sub) {
    case 'list':
      return slotsListCommand(ctx, flags);
    case 'add': {
      const slotId = id;
      if (!SLOT_ID_PATTERN.test(slotId))
        throw new CliError(
          usageMessage('slots add', `<id> must match ${SLOT_ID_RULE} (got "${slotId}")`),
          EXIT_USAGE,
        );
      if (dir !== undefined && flags.default)
        throw new CliError(
          'slots add takes either <config_dir> or --default, not both. Run: quota-broker slots add --help',
          EXIT_USAGE,
        );
      const configDir = dir ?? (flags.default ? DEFAULT_CONFIG_DIR : undefined);
      if (!configDir)
        throw new CliError(
          'slots add needs <config_dir> (or --default for ~/.claude). Run: quota-broker slots add --help',
          EXIT_USAGE,
        );
      if (!isAbsolute(configDir) && !configDir.startsWith('~/') && configDir !== '~')
        throw new CliError(
          usageMessage(
            'slots add',
            `<config_dir> must be an absolute path or start with ~/ (got "${configDir}")`,
          ),
          EXIT_USAGE,
        );
      const home = ctx.deps.paths.home;
      // A trailing slash (tab completion adds one) would name another keychain item than the dir exported
      // without it (docs/claude-code.md): the registry keeps the usual spelling.
      const written = configDir.replace(/(?<=.)\/+$/, '');
      const load = await loadRegistry(file);
      const existing = load.state === 'ok' ? load.registry.slots : [];
      // The first `slots add` creates the registry, which replaces discovery: keep the logged-in default
      // account as a slot so adding a second account does not silently drop the first.
      const keepDefault = !flags.default && load.state === 'absent' && (await isDefaultLoggedIn(ctx));
      const same = [
        ...existing,
        ...(keepDefault ? [{ id: DEFAULT_SLOT_ID, config_dir: DEFAULT_CONFIG_DIR }] : []),
      ].find((s) => isSameConfigDir(s.config_dir, written, home));
      if (same && same.id !== slotId)
        throw new CliError(
          `${configDir} is slot ${same.id} already (config_dir ${same.config_dir}): one account, one slot. See it with: quota-broker slots list`,
        );
      await edit((doc) => {
        if (keepDefault)
          addAccount(doc, { id: DEFAULT_SLOT_ID, config_dir: DEFAULT_CONFIG_DIR, default: true });
        addAccount(doc, {
          id: slotId,
          config_dir: written,
          email: flags.email,
          label: flags.label,
          default: flags.default,
        });
      });
      if (keepDefault)
        ctx.stdout.write(`Added your default account (~/.claude) as slot ${DEFAULT_SLOT_ID}.\n`);
      const warn = existsSync(expandTilde(written, home))
        ? ''
        : ` (note: ${written} does not exist yet; log in with CLAUDE_CONFIG_DIR=${written} claude)`;
      ctx.stdout.write(`Added slot ${slotId}${warn}.\n`);
      return 0;
    }
    case 'remove':
      await mustExist(file, id);
      await edit((doc) => removeAccount(doc, id));
      ctx.stdout.write(`Removed slot ${id}.\n`);
      return 0;
    case 'enable':
    case 'disable': {
      await mustExist(file, id);
      let reactivated = false;
      await edit((doc) => {
        setEnabled(doc, id, sub === 'enable');
        // "Resume polling" includes a slot marked inactive (a dead login, or an old tool's verdict): the
        // next cycle reads its login and deactivates it again at once if it is still dead.
        if (sub === 'enable') reactivated = setStatuses(doc, { [id]: 'active' }) > 0;
      });
      ctx.stdout.write(
        `Slot ${id} ${sub}d${reactivated ? ' and marked active: the next cycle checks its login' : ''}.\n`,
      );
      return 0;
    }
    default:
      throw new CliError(`slots has no subcommand "${sub}". Run: quota-broker slots --help`, EXIT_USAGE);
  }
}
