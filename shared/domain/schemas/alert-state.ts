/**
 * `alert-state.json` in the state dir (docs/schemas.md, docs/alerts.md): the open problem episodes and
 * the marks that detect transitions. A value that is not an alert state at all is refused (the store
 * renames the file aside); a single malformed episode or mark is dropped and the rest kept.
 */
import * as v from 'valibot';
import { ALERT_STATE_VERSION } from '../alerts/types';
import { JsonObjectSchema, mapOf, TimeSchema } from './fields';

export const AlertSeveritySchema = v.picklist(['critical', 'warning', 'info']);

export const AlertKindSchema = v.picklist([
  'all_inactive',
  'login_dead',
  'login_expiring',
  'relogin_reminder',
  'stale',
  'usage',
  'capacity_back',
  'extra_usage',
]);

/** What clicking the notification does. */
export const AlertActionSchema = v.nullable(
  v.variant('type', [
    v.object({ type: v.literal('relogin'), slot: v.string() }),
    v.object({ type: v.literal('open') }),
  ]),
);

/**
 * How an open episode's alert was handled: delivered, held for quiet hours (pending), or opened
 * without a notification (silent: superseded by a broader alert, or alerts disabled).
 */
export const EpisodeStatusSchema = v.picklist(['delivered', 'pending', 'silent']);

/** A condition that is currently true. It fired (or was held) once and will not fire again until it clears. */
export const EpisodeSchema = v.object({
  id: v.string(),
  kind: AlertKindSchema,
  severity: AlertSeveritySchema,
  /** The slot the episode is about; null for global ones (all inactive). */
  slot: v.nullable(v.string()),
  title: v.string(),
  /** Says what to do. Never contains a token. */
  body: v.string(),
  action: AlertActionSchema,
  status: EpisodeStatusSchema,
  opened_at: TimeSchema,
  updated_at: TimeSchema,
  delivered_at: v.nullable(TimeSchema),
});

export const AlertStateSchema = v.object({
  version: v.literal(ALERT_STATE_VERSION),
  /** Open episodes by id; an entry whose `id` is not its key is dropped. */
  episodes: v.pipe(
    mapOf(EpisodeSchema),
    v.transform((episodes) => {
      for (const key of Object.keys(episodes)) if (episodes[key].id !== key) delete episodes[key];
      return episodes;
    }),
  ),
  /**
   * Facts remembered between cycles to detect transitions (e.g. `high:slot-1:five_hour`: the window
   * was at its top threshold; `unusable:slot-1`: the slot could not be used). Value: epoch ms set.
   */
  marks: mapOf(TimeSchema),
  updated_at: v.fallback(TimeSchema, 0),
});

/**
 * Validates a parsed `alert-state.json`. Null when the value is not an alert state at all (the caller
 * quarantines the file); a single malformed episode or mark is dropped.
 */
export function parseAlertStateValue(value: unknown): v.InferOutput<typeof AlertStateSchema> | null {
  if (!v.is(JsonObjectSchema, value)) return null;
  if (!v.is(JsonObjectSchema, value.episodes) || !v.is(JsonObjectSchema, value.marks)) return null;
  const parsed = v.safeParse(AlertStateSchema, value);
  return parsed.success ? parsed.output : null;
}
