/**
 * `quota-broker slots list [--json]`: the registry's slots in its order, each with the e-mail the broker
 * knows for it — the registry's, else the one the broker last saw (the cache), else Claude Code's
 * `.claude.json` — so an address learned once shows wherever the slot is listed.
 */
import { readAccountIdentity } from '../../adapters/account-identity';
import { readCache } from '../../adapters/cache-store';
import { getSlotTarget } from '../../adapters/credentials/slot-target';
import { loadRegistry } from '../../adapters/registry/registry-store';
import { redact } from '../../domain/redact';
import type { SlotsListJson } from '../../domain/schemas/output/slots';
import { CliError } from '../cli-error';
import type { CliContext } from '../context';
import { renderTable } from '../format';

/** The slots as `--json` prints them (docs/json.md; schema: domain/schemas/output/slots.ts). */
export async function getSlotsListJson(ctx: CliContext): Promise<SlotsListJson> {
  const { paths } = ctx.deps;
  const [load, cache] = await Promise.all([loadRegistry(paths.registry), readCache(paths.cache)]);
  if (load.state === 'error') throw new CliError(load.error.message);
  const slots = load.state === 'ok' ? load.registry.slots : [];
  const cached = (id: string) => (cache.state === 'ok' ? (cache.cache.slots[id]?.email ?? null) : null);
  return {
    registry: paths.registry,
    slots: await Promise.all(
      slots.map(async (s) => ({
        id: s.id,
        email:
          s.email ??
          cached(s.id) ??
          (await readAccountIdentity(getSlotTarget(s, paths.defaultConfigDir, paths.home), paths.home)).email,
        config_dir: s.config_dir,
        default: s.default === true,
        status: s.status,
        enabled: s.enabled,
        label: s.label ?? null,
      })),
    ),
  };
}

/** Prints the list as a table, or as JSON. */
export async function slotsListCommand(ctx: CliContext, flags: { json?: boolean }): Promise<number> {
  const list = await getSlotsListJson(ctx);
  if (flags.json) {
    ctx.stdout.write(`${redact(JSON.stringify(list, null, 2))}\n`);
    return 0;
  }
  if (list.slots.length === 0) {
    ctx.stdout.write(`No slots in ${list.registry}. Add one: quota-broker slots add <id> <config_dir>\n`);
    return 0;
  }
  const rows = [['ID', 'EMAIL', 'CONFIG DIR', 'STATUS', 'ENABLED', 'LABEL']];
  for (const s of list.slots)
    rows.push([s.id, s.email ?? '—', s.config_dir, s.status, s.enabled ? 'yes' : 'no', s.label ?? '']);
  ctx.stdout.write(`${renderTable(rows)}\n`);
  return 0;
}
