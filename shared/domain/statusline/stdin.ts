/**
 * What the statusline reads from Claude Code's stdin: the statusline stdin schema
 * (schemas/statusline-stdin.ts) checked by hand, because this runs on every update and valibot costs
 * start-up time there. test/domain/schemas/statusline-stdin.test.ts holds it to the schema. Pure.
 */
import type * as v from 'valibot';
import type { StatuslineStdinSchema, StdinWindowSchema } from '../schemas/statusline-stdin';

export type StatuslineStdin = v.InferOutput<typeof StatuslineStdinSchema>;
export type StdinWindow = v.InferOutput<typeof StdinWindowSchema>;

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
/** Like valibot's `object`: any non-null object; absent keys read as undefined. */
const isAnyObject = (x: unknown): x is Json => typeof x === 'object' && x !== null;
const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);

function readWindow(raw: unknown): StdinWindow | null {
  if (!isAnyObject(raw)) return null;
  const { used_percentage, resets_at } = raw;
  if (typeof used_percentage !== 'number' && typeof used_percentage !== 'string') return null;
  // A number must not be NaN (valibot's number) before it is converted; a string may be anything.
  if (typeof used_percentage === 'number' && Number.isNaN(used_percentage)) return null;
  const percent = Number(used_percentage);
  if (!Number.isFinite(percent)) return null;
  const reset =
    typeof resets_at === 'number' && Number.isFinite(resets_at) && resets_at > 0 ? resets_at : null;
  return { used_percentage: percent, resets_at: reset };
}

/** The fields the statusline uses from a parsed stdin (anything, including null for "not JSON"). */
export function readStatuslineStdin(value: unknown): StatuslineStdin {
  if (!isObject(value)) return { session_id: null, transcript_path: null, rate_limits: null };
  const limits = value.rate_limits;
  return {
    session_id: text(value.session_id),
    transcript_path: text(value.transcript_path),
    rate_limits: isAnyObject(limits)
      ? { five_hour: readWindow(limits.five_hour), seven_day: readWindow(limits.seven_day) }
      : null,
  };
}
