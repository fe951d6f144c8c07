/**
 * `observations/<key>.json` in the state dir (docs/schemas.md): the `rate_limits` one statusline saw,
 * kept for the engine. Written only by Quota Broker, so the reader is strict: anything malformed makes
 * the whole file absent (the next statusline writes a good one).
 *
 * The statusline reads these on every update, where loading valibot costs start-up time, so the reader
 * that runs is the hand-checked `parseObservation` (domain/statusline/observation.ts);
 * test/domain/schemas/observation.test.ts holds it to this schema.
 */
import * as v from 'valibot';
import { OBSERVATION_VERSION } from '../statusline/observation';
import { FiniteNumberSchema } from './fields';

/** A window as recorded: a missing or null one is none; anything else malformed spoils the file. */
const RecordedWindowSchema = v.pipe(
  v.nullish(
    v.object({
      utilization: FiniteNumberSchema,
      resets_at: v.optional(v.nullable(v.string()), null),
    }),
  ),
  v.transform((w) => w ?? null),
);

const optionalText = v.pipe(
  v.unknown(),
  v.transform((x) => (typeof x === 'string' ? x : null)),
);

export const ObservationSchema = v.object({
  version: v.literal(OBSERVATION_VERSION),
  /** The slot id, or null when the session's config dir is not a configured slot. */
  slot: v.optional(optionalText, null),
  /** The session's config dir when known (lets the engine match an observation of a slot added later). */
  config_dir: v.optional(optionalText, null),
  /** When these numbers were first seen (epoch ms); repeating the same numbers does not make them newer. */
  observed_at: v.number(),
  session_id: v.optional(optionalText, null),
  five_hour: v.optional(RecordedWindowSchema, null),
  seven_day: v.optional(RecordedWindowSchema, null),
});

/** The observation in a file's text, or null when it is not one. */
export function parseObservationText(text: string): v.InferOutput<typeof ObservationSchema> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = v.safeParse(ObservationSchema, value);
  return parsed.success ? parsed.output : null;
}
