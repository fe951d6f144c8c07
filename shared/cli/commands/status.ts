import { readOpenEpisodes } from '../../adapters/alerts/alert-state-store';
import { getBrokerHolder } from '../../adapters/broker-lock';
import { readCache } from '../../adapters/cache-store';
import { describeTrustProblem, getStateTrustProblems } from '../../adapters/fs/state-trust';
import { loadRegistry } from '../../adapters/registry/registry-store';
import type { CliContext } from '../context';
import { getColours, shouldColour } from '../format';
import { renderOpenAlerts } from './status-alerts';
import { renderStatusTable } from './status-view';

export const STATUS_HELP = `Usage: quota-broker status [--json]

Shows every slot from the cache (no API calls): status, health, 5-hour and weekly
utilisation, age of the data and the last error. --json prints the cache file's
contents plus "broker" (who polls), "registry_error" and "open_alerts" (alert episodes
still open: a dead login, all slots inactive, stale data, …). For causes and fixes:
quota-broker doctor.`;

export async function statusCommand(ctx: CliContext, flags: { json?: boolean }): Promise<number> {
  const { paths } = ctx.deps;
  const now = ctx.now();
  const [load, holder, registry, episodes] = await Promise.all([
    readCache(paths.cache),
    getBrokerHolder(paths, now),
    loadRegistry(paths.registry),
    readOpenEpisodes(paths.alertState),
  ]);
  const openAlerts = episodes.map((e) => ({
    id: e.id,
    kind: e.kind,
    severity: e.severity,
    slot: e.slot,
    title: e.title,
    opened_at: e.opened_at,
  }));
  const registryError = registry.state === 'error' ? registry.error.message : null;
  const broker = {
    running: holder.alive,
    pid: holder.info?.pid ?? null,
    surface: holder.info?.surface ?? null,
  };
  if (flags.json) {
    const cache = load.state === 'ok' ? load.cache : null;
    ctx.stdout.write(
      `${JSON.stringify({ ...(cache ?? { slots: {} }), broker, registry_error: registryError, open_alerts: openAlerts }, null, 2)}\n`,
    );
    return 0;
  }
  const c = getColours(shouldColour(ctx.stdout, ctx.deps.env));
  for (const problem of getStateTrustProblems(paths))
    ctx.stderr.write(`${c.red(describeTrustProblem(problem))}\n`);
  if (registryError) ctx.stdout.write(`${c.red(registryError)}\n\n`);
  if (load.state !== 'ok') {
    const why = load.state === 'absent' ? 'no data yet' : load.message;
    ctx.stdout.write(`${why}. Run: quota-broker refresh\n`);
    return load.state === 'absent' ? 0 : 1;
  }
  if (Object.keys(load.cache.slots).length === 0) {
    ctx.stdout.write(
      `No slots. Log in with Claude Code, or add one: quota-broker slots add <id> <config_dir>\n`,
    );
    return 0;
  }
  ctx.stdout.write(`${renderStatusTable(load.cache, now, c)}\n`);
  if (episodes.length > 0) ctx.stdout.write(`${renderOpenAlerts(episodes, now, c)}\n`);
  ctx.stdout.write(
    c.dim(
      broker.running
        ? `broker: ${broker.surface} pid ${broker.pid}\n`
        : 'broker: not running (run: quota-broker daemon)\n',
    ),
  );
  return 0;
}
