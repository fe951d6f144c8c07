/**
 * The one document `status --json` and `refresh --json` print (docs/json.md; schema:
 * domain/schemas/output/status.ts): the cache, who polls, the registry's error, the open alerts, and
 * what a refresh did.
 */
import { readOpenEpisodes } from '../../adapters/alerts/alert-state-store';
import { getBrokerHolder } from '../../adapters/broker-lock';
import type { CacheLoad } from '../../adapters/cache-store';
import { loadRegistry } from '../../adapters/registry/registry-store';
import { getOpenAlertJson } from '../../domain/alerts/episodes';
import type { Episode } from '../../domain/alerts/types';
import { redact } from '../../domain/redact';
import { parseCacheValue } from '../../domain/schemas/cache';
import type { StatusJson } from '../../domain/schemas/output/status';
import type { CacheFile } from '../../domain/types';
import type { CliContext } from '../context';

/** What `status` shows besides the cache: read once, shared by its text and its JSON. */
export interface StatusSurroundings {
  broker: StatusJson['broker'];
  registryError: string | null;
  episodes: Episode[];
}

/** Reads who polls, the registry's error and the open alert episodes. */
export async function readStatusSurroundings(ctx: CliContext, now: number): Promise<StatusSurroundings> {
  const { paths } = ctx.deps;
  const [holder, registry, episodes] = await Promise.all([
    getBrokerHolder(paths, now),
    loadRegistry(paths.registry),
    readOpenEpisodes(paths.alertState),
  ]);
  return {
    broker: { running: holder.alive, pid: holder.info?.pid ?? null, surface: holder.info?.surface ?? null },
    registryError: registry.state === 'error' ? registry.error.message : null,
    episodes,
  };
}

/** A cache with nothing known: every field null, no slots. */
function emptyCache(): CacheFile {
  const parsed = parseCacheValue({ slots: {} });
  if (!parsed.ok) throw new Error('the empty cache does not parse');
  return parsed.cache;
}

/** The document; `refresh` null for `status`. */
export function getStatusJson(
  load: CacheLoad | { state: 'ok'; cache: CacheFile },
  around: StatusSurroundings,
  refresh: StatusJson['refresh'],
): StatusJson {
  return {
    ...(load.state === 'ok' ? load.cache : emptyCache()),
    cache_error: load.state === 'error' ? load.message : null,
    broker: around.broker,
    registry_error: around.registryError,
    open_alerts: around.episodes.map(getOpenAlertJson),
    refresh,
  };
}

/** The JSON text, redacted as a last guard. */
export function renderStatusJson(json: StatusJson): string {
  return `${redact(JSON.stringify(json, null, 2))}\n`;
}
