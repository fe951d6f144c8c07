/**
 * `daemon --json` (docs/json.md): one JSON object per line on stderr — the daemon starting, its role
 * (polling as the broker, or following another one), each slot's state the first time and each change of
 * it, and each alert it delivered. JSON Schema: docs/json-schema/daemon-event.json, generated from this.
 */
import * as v from 'valibot';
import { EpisodeSchema } from '../alert-state';
import { TimeSchema } from '../fields';
import { SLOT_CONDITIONS } from '../words';

export const SlotConditionSchema = v.picklist(SLOT_CONDITIONS);

/** What the person can do about a slot's state. */
export const SlotActionJsonSchema = v.variant('kind', [
  v.object({ kind: v.literal('relogin'), command: v.string() }),
  v.object({ kind: v.literal('enable'), command: v.string() }),
  /** Nothing to do but wait until then (a 429 back-off). */
  v.object({ kind: v.literal('wait'), until: TimeSchema }),
]);

export const DaemonEventJsonSchema = v.variant('event', [
  v.object({
    event: v.literal('started'),
    at: TimeSchema,
    pid: v.number(),
    cache: v.string(),
    log: v.string(),
  }),
  v.object({
    event: v.literal('role'),
    at: TimeSchema,
    /** `broker`: it polls; `follower`: another broker holds the lock, it takes over when that one stops. */
    role: v.picklist(['broker', 'follower']),
  }),
  v.object({
    event: v.literal('slot_state'),
    at: TimeSchema,
    slot: v.string(),
    /** Null the first time the daemon sees the slot. */
    from: v.nullable(SlotConditionSchema),
    to: SlotConditionSchema,
    action: v.nullable(SlotActionJsonSchema),
  }),
  v.object({
    event: v.literal('alert'),
    at: TimeSchema,
    ...v.pick(EpisodeSchema, ['id', 'kind', 'severity', 'slot', 'title', 'body', 'action']).entries,
  }),
]);

export type DaemonEventJson = v.InferOutput<typeof DaemonEventJsonSchema>;
