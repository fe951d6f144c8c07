import { readCache } from '../../adapters/cache-store';
import { refreshOnce } from '../../engine/broker';
import type { CycleOptions } from '../../engine/cycle';
import { listReloginSlots } from '../../host/relogin-target';
import { CliError, unknownSlotError } from '../cli-error';
import type { CliContext } from '../context';
import { getColours, shouldColour } from '../format';
import { getStatusJson, readStatusSurroundings, renderStatusJson } from './status-json';
import { renderStatusTable } from './status-view';

export const REFRESH_HELP = `Usage: quota-broker refresh [--slot ID] [--json] [--quiet]

Runs one refresh cycle now: reads each slot's credentials, refreshes expired access
tokens (per settings.token_refresh), calls the usage endpoint for slots that are due,
and writes the cache. Honours the 429 back-off and the hourly budget. When another
broker is running, waits for (or asks it for) its cycle instead of polling twice.
Exit 0 when the cycle ran (or another broker's cycle was followed) and at least one
slot is usable; 1 when every enabled slot is inactive (so a cron job can tell) or
the state dir could not be written.

  --slot ID   refresh only that slot
  --json      the same document as status --json, with "refresh" saying what ran
              (schema: docs/json.md)
  --quiet     print nothing; the exit code says it all`;

export async function refreshCommand(
  ctx: CliContext,
  flags: { slot?: string; json?: boolean; quiet?: boolean },
  afterWrite?: CycleOptions['afterWrite'],
): Promise<number> {
  // Checked here, before asking any broker: the answer (64) must not depend on whether one runs.
  if (flags.slot !== undefined) {
    const known = await listReloginSlots(ctx.deps.paths);
    if (!known.some((s) => s.id === flags.slot)) throw unknownSlotError(flags.slot, known);
  }
  let outcome: Awaited<ReturnType<typeof refreshOnce>>;
  try {
    outcome = await refreshOnce(ctx.deps, ctx.now, { force: true, slot: flags.slot, afterWrite });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const cache = outcome.type === 'ran' ? outcome.result.cache : outcome.cache;
  if (flags.quiet)
    return outcome.type === 'ran' && outcome.result.writeError
      ? 1
      : cache?.all_inactive
        ? EXIT_ALL_INACTIVE
        : 0;
  const writeError = outcome.type === 'ran' ? outcome.result.writeError : null;
  if (flags.json) {
    const load = cache ? { state: 'ok' as const, cache } : await readCache(ctx.deps.paths.cache);
    const around = await readStatusSurroundings(ctx, ctx.now());
    const refresh = {
      outcome: outcome.type,
      broker_pid: outcome.type === 'ran' ? null : outcome.holderPid,
      write_error: writeError ?? null,
    };
    ctx.stdout.write(renderStatusJson(getStatusJson(load, around, refresh)));
  } else {
    const c = getColours(shouldColour(ctx.stdout, ctx.deps.env));
    if (outcome.type === 'followed')
      ctx.stdout.write(
        `Another broker${outcome.holderPid ? ` (pid ${outcome.holderPid})` : ''} just refreshed; showing its results.\n`,
      );
    if (outcome.type === 'busy')
      ctx.stdout.write(
        `A broker (pid ${outcome.holderPid ?? '?'}) is running and did not finish a cycle in time; showing the last cache.\n`,
      );
    if (outcome.type === 'ran' && outcome.result.registry.error)
      ctx.stderr.write(`${outcome.result.registry.error}\n`);
    if (cache && Object.keys(cache.slots).length > 0)
      ctx.stdout.write(`${renderStatusTable(cache, ctx.now(), c)}\n`);
    else
      ctx.stdout.write(
        'No slots. Log in with Claude Code, or add one: quota-broker slots add <id> <config_dir>\n',
      );
  }
  if (outcome.type === 'ran' && outcome.result.writeError) {
    ctx.stderr.write(`${outcome.result.writeError}\n`);
    return 1;
  }
  return cache?.all_inactive ? EXIT_ALL_INACTIVE : 0;
}

/** Every enabled slot is inactive: the failure this tool exists for, visible to cron as well. */
export const EXIT_ALL_INACTIVE = 1;
