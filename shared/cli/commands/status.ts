import { readCache } from '../../adapters/cache-store';
import { describeTrustProblem, getStateTrustProblems } from '../../adapters/fs/state-trust';
import { START_BROKER_FIX } from '../../domain/broker-advice';
import type { CliContext } from '../context';
import { getColours, shouldColour } from '../format';
import { renderOpenAlerts } from './status-alerts';
import { getStatusJson, readStatusSurroundings, renderStatusJson } from './status-json';
import { renderStatusTable } from './status-view';

export const STATUS_HELP = `Usage: quota-broker status [--json]

Shows every slot from the cache (no API calls): status, health, 5-hour and weekly
utilisation, age of the data and the last error. Exit 1 when the cache cannot be read.

  --json   the cache file's contents plus "cache_error", "broker" (who polls),
           "registry_error", "open_alerts" (alert episodes still open: a dead login,
           all slots inactive, stale data, …) and "refresh" (null here): the same
           document as refresh --json (schema: docs/json.md)

For causes and fixes: quota-broker doctor.`;

export async function statusCommand(ctx: CliContext, flags: { json?: boolean }): Promise<number> {
  const { paths } = ctx.deps;
  const now = ctx.now();
  const [load, around] = await Promise.all([readCache(paths.cache), readStatusSurroundings(ctx, now)]);
  // A cache that cannot be read is a problem found (1) in both forms; no cache yet is not.
  const code = load.state === 'error' ? 1 : 0;
  if (flags.json) {
    ctx.stdout.write(renderStatusJson(getStatusJson(load, around, null)));
    return code;
  }
  const c = getColours(shouldColour(ctx.stdout, ctx.deps.env));
  for (const problem of getStateTrustProblems(paths))
    ctx.stderr.write(`${c.red(describeTrustProblem(problem))}\n`);
  if (around.registryError) ctx.stdout.write(`${c.red(around.registryError)}\n\n`);
  if (load.state !== 'ok') {
    const why = load.state === 'absent' ? 'no data yet' : load.message;
    ctx.stdout.write(`${why}. Run: quota-broker refresh\n`);
    return code;
  }
  if (Object.keys(load.cache.slots).length === 0) {
    ctx.stdout.write(
      `No slots. Log in with Claude Code, or add one: quota-broker slots add <id> <config_dir>\n`,
    );
    return 0;
  }
  ctx.stdout.write(`${renderStatusTable(load.cache, now, c)}\n`);
  if (around.episodes.length > 0) ctx.stdout.write(`${renderOpenAlerts(around.episodes, now, c)}\n`);
  const { broker } = around;
  ctx.stdout.write(
    c.dim(
      broker.running
        ? `broker: ${broker.surface} pid ${broker.pid}\n`
        : `broker: not running — ${START_BROKER_FIX}\n`,
    ),
  );
  return 0;
}
