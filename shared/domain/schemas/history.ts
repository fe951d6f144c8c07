/**
 * `history.jsonl` in the state dir (docs/schemas.md): one JSON object per line, one line per slot per
 * fetch, for the UI's sparklines. A line that is not JSON (a torn last line after a crash) or has no slot
 * and time is skipped; a utilisation that is not a number reads as null.
 */
import * as v from 'valibot';
import { FiniteNumberSchema, orNull, parseJsonText, TimeSchema } from './fields';

/** One point of a slot's utilisation history. */
export const HistoryPointSchema = v.object({
  t: TimeSchema,
  five_hour: orNull(FiniteNumberSchema),
  seven_day: orNull(FiniteNumberSchema),
});

/** One line of the file: a point and its slot. */
export const HistoryLineSchema = v.object({ slot: v.string(), ...HistoryPointSchema.entries });

/** The point on one line of `history.jsonl`, or null when the line is not one. */
export function parseHistoryLine(line: string): v.InferOutput<typeof HistoryLineSchema> | null {
  const parsed = v.safeParse(HistoryLineSchema, parseJsonText(line));
  return parsed.success ? parsed.output : null;
}
