import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { SLOT_ID_PATTERN } from '../../adapters/registry/parse-registry';
import {
  addAccount,
  editRegistry,
  loadRegistry,
  removeAccount,
  setEnabled,
} from '../../adapters/registry/registry-store';
import { CliError, EXIT_USAGE } from '../cli-error';
import type { CliContext } from '../context';
import { renderTable } from '../format';

export const SLOTS_HELP = `Usage: quota-broker slots <list|add|remove|enable|disable> ...

  slots list                                  the configured slots
  slots add <id> <config_dir> [--email E] [--label L]
                                              add an account (id: [a-z0-9-]+; config_dir
                                              exactly as you export CLAUDE_CONFIG_DIR)
  slots remove <id>                           remove it from the registry (nothing else)
  slots enable <id> | slots disable <id>      stop or resume polling it

The registry is <state dir>/claude-sessions.yaml (QUOTA_BROKER_SESSIONS); edits keep
its comments and order.`;

export async function slotsCommand(
  ctx: CliContext,
  args: string[],
  flags: { email?: string; label?: string },
): Promise<number> {
  const file = ctx.deps.paths.registry;
  const [sub, id, dir] = args;
  const needId = () => {
    if (!id) throw new CliError(`"slots ${sub}" needs a slot id. See: quota-broker slots --help`, EXIT_USAGE);
    return id;
  };
  const edit = async (fn: Parameters<typeof editRegistry>[1]) => {
    try {
      return await editRegistry(file, fn);
    } catch (e) {
      throw new CliError((e as Error).message);
    }
  };
  switch (sub) {
    case undefined:
    case 'list': {
      const load = await loadRegistry(file);
      if (load.state === 'error') throw new CliError(load.error.message);
      if (load.state === 'absent' || load.registry.slots.length === 0) {
        ctx.stdout.write(`No slots in ${file}. Add one: quota-broker slots add <id> <config_dir>\n`);
        return 0;
      }
      const rows = [['ID', 'EMAIL', 'CONFIG DIR', 'STATUS', 'ENABLED', 'LABEL']];
      for (const s of load.registry.slots) {
        rows.push([s.id, s.email ?? '—', s.config_dir, s.status, s.enabled ? 'yes' : 'no', s.label ?? '']);
      }
      ctx.stdout.write(`${renderTable(rows)}\n`);
      return 0;
    }
    case 'add': {
      const slotId = needId();
      if (!SLOT_ID_PATTERN.test(slotId))
        throw new CliError(`Slot id "${slotId}" must match [a-z0-9-]+.`, EXIT_USAGE);
      if (!dir)
        throw new CliError(
          '"slots add" needs a config dir: quota-broker slots add <id> <config_dir>',
          EXIT_USAGE,
        );
      if (!isAbsolute(dir) && !dir.startsWith('~/'))
        throw new CliError(`Config dir "${dir}" must be an absolute path.`, EXIT_USAGE);
      await edit((doc) =>
        addAccount(doc, { id: slotId, config_dir: dir, email: flags.email, label: flags.label }),
      );
      const warn = existsSync(dir.replace(/^~(?=\/)/, ctx.deps.paths.home))
        ? ''
        : ` (note: ${dir} does not exist yet; log in with CLAUDE_CONFIG_DIR=${dir} claude)`;
      ctx.stdout.write(`Added slot ${slotId}${warn}.\n`);
      return 0;
    }
    case 'remove':
      await edit((doc) => removeAccount(doc, needId()));
      ctx.stdout.write(`Removed slot ${id}.\n`);
      return 0;
    case 'enable':
    case 'disable':
      await edit((doc) => setEnabled(doc, needId(), sub === 'enable'));
      ctx.stdout.write(`Slot ${id} ${sub}d.\n`);
      return 0;
    default:
      throw new CliError(`Unknown slots command "${sub}". See: quota-broker slots --help`, EXIT_USAGE);
  }
}
