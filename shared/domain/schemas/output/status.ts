/**
 * `status --json` and `refresh --json` (docs/json.md): one document for both — the cache as every reader
 * reads it, who polls, the registry's error, the open alert episodes, and what the refresh did (`null`
 * for `status`). JSON Schema: docs/json-schema/status.json, generated from this.
 */
import * as v from 'valibot';
import { EpisodeSchema } from '../alert-state';
import { CacheFileSchema } from '../cache';

/** Who holds the broker lock. */
export const BrokerJsonSchema = v.object({
  running: v.boolean(),
  pid: v.nullable(v.number()),
  /** `daemon`, `app`, `serve`, `refresh`, … */
  surface: v.nullable(v.string()),
});

/** An alert episode still open (a dead login, all slots inactive, stale data, …). */
export const OpenAlertJsonSchema = v.pick(EpisodeSchema, [
  'id',
  'kind',
  'severity',
  'slot',
  'title',
  'opened_at',
]);

/** What `refresh` did: ran a cycle, followed another broker's, or found it busy and showed the last cache. */
export const RefreshJsonSchema = v.object({
  outcome: v.picklist(['ran', 'followed', 'busy']),
  /** The other broker's pid when it was followed or busy. */
  broker_pid: v.nullable(v.number()),
  /** Why the state dir could not be written (exit 1), else null. */
  write_error: v.nullable(v.string()),
});

export const StatusJsonSchema = v.object({
  ...CacheFileSchema.entries,
  /** Why the cache could not be read (then the cache fields are null and `slots` is empty), else null. */
  cache_error: v.nullable(v.string()),
  broker: BrokerJsonSchema,
  registry_error: v.nullable(v.string()),
  open_alerts: v.array(OpenAlertJsonSchema),
  /** Null for `status`. */
  refresh: v.nullable(RefreshJsonSchema),
});

export type StatusJson = v.InferOutput<typeof StatusJsonSchema>;
export type OpenAlertJson = v.InferOutput<typeof OpenAlertJsonSchema>;
