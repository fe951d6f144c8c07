/**
 * Argument validation for every IPC channel (product §11): the renderer is untrusted input. Each
 * validator takes the raw `...args` and returns the typed arguments or a `bad_argument` error. Pure.
 */
import type { ApiError } from '../../shared/ipc/contract';

/** Same rule as the registry's ids ([a-z0-9-]+), with a length bound. */
export const SLOT_ID_RE = /^[a-z0-9-]{1,64}$/;

export type Validated<T> = { ok: true; args: T } | { ok: false; error: ApiError };

const bad = (message: string): Validated<never> => ({ ok: false, error: { code: 'bad_argument', message } });

function arity(args: unknown[], min: number, max: number): string | null {
  if (args.length < min || args.length > max) {
    return min === max
      ? `expects ${min} argument(s), got ${args.length}`
      : `expects ${min}–${max} arguments, got ${args.length}`;
  }
  return null;
}

/** True for a string that is a valid slot id. */
export function isSlotId(value: unknown): value is string {
  return typeof value === 'string' && SLOT_ID_RE.test(value);
}

/** No arguments at all. */
export function validateNone(args: unknown[]): Validated<[]> {
  const problem = arity(args, 0, 0);
  return problem ? bad(problem) : { ok: true, args: [] };
}

/** `(slot)`. */
export function validateSlot(args: unknown[]): Validated<[string]> {
  const problem = arity(args, 1, 1);
  if (problem) return bad(problem);
  return isSlotId(args[0]) ? { ok: true, args: [args[0]] } : bad('slot must be a slot id ([a-z0-9-]+)');
}

/** `(slot?)`: refresh one slot or all. */
export function validateOptionalSlot(args: unknown[]): Validated<[string | undefined]> {
  const problem = arity(args, 0, 1);
  if (problem) return bad(problem);
  if (args[0] === undefined || args[0] === null) return { ok: true, args: [undefined] };
  return isSlotId(args[0]) ? { ok: true, args: [args[0]] } : bad('slot must be a slot id ([a-z0-9-]+)');
}

/** `(slot, enabled)`. */
export function validateSlotAndFlag(args: unknown[]): Validated<[string, boolean]> {
  const problem = arity(args, 2, 2);
  if (problem) return bad(problem);
  if (!isSlotId(args[0])) return bad('slot must be a slot id ([a-z0-9-]+)');
  if (typeof args[1] !== 'boolean') return bad('enabled must be true or false');
  return { ok: true, args: [args[0], args[1]] };
}
