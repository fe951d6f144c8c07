/**
 * The host's side of a call, the same for IPC and HTTP: check the raw arguments against the operation's
 * schemas (the UI is untrusted input), call the implementation, and turn a throw into an error value.
 */
import * as v from 'valibot';
import { redactUnknown } from '../domain/redact';
import type { ApiError, ApiResult } from './contract';
import type { Operation, OperationHandlers, OperationTable } from './operation';

/** The error code of an argument that breaks its operation's rules (HTTP answers it with 400). */
export const BAD_ARGUMENT = 'bad_argument';

export type ParsedArgs = { ok: true; args: unknown[] } | { ok: false; error: ApiError };

const acceptsUndefined = (schema: v.GenericSchema) => v.safeParse(schema, undefined).success;

/**
 * Checks raw positional arguments: how many (optional ones may be left off the end) and each against its
 * schema. Returns the parsed values (schemas may normalise, e.g. null → undefined) or a `bad_argument`.
 */
export function parseArgs(name: string, operation: Operation, raw: readonly unknown[]): ParsedArgs {
  const { args } = operation;
  let min = args.length;
  while (min > 0 && acceptsUndefined(args[min - 1].schema)) min--;
  if (raw.length < min || raw.length > args.length) {
    const expected = min === args.length ? `${min}` : `${min}–${args.length}`;
    return bad(`${name} expects ${expected} argument(s), got ${raw.length}`);
  }
  const parsed: unknown[] = [];
  for (const [i, { schema }] of args.entries()) {
    const result = v.safeParse(schema, raw[i]);
    if (!result.success) return bad(result.issues[0].message);
    parsed.push(result.output);
  }
  // Trailing undefined stays off the list, so `refreshNow()` reaches the host as a call without arguments.
  while (parsed.length > 0 && parsed[parsed.length - 1] === undefined) parsed.pop();
  return { ok: true, args: parsed };
}

function bad(message: string): ParsedArgs {
  return { ok: false, error: { code: BAD_ARGUMENT, message } };
}

/**
 * Runs operation `name` of `table` on `api` with raw arguments. Never rejects: bad arguments answer
 * `bad_argument` without reaching `api`; a throw answers `internal` with the secrets redacted and is
 * reported to `onError`.
 */
export async function dispatch<T extends OperationTable>(
  table: T,
  api: OperationHandlers<T>,
  name: keyof T & string,
  raw: readonly unknown[],
  onError?: (name: string, message: string) => void,
): Promise<ApiResult<unknown>> {
  const parsed = parseArgs(name, table[name], raw);
  if (!parsed.ok) return parsed;
  try {
    const implementation = api[name] as (...args: unknown[]) => Promise<ApiResult<unknown>>;
    return await implementation.apply(api, parsed.args);
  } catch (e) {
    const message = redactUnknown(e);
    onError?.(name, message);
    return { ok: false, error: { code: 'internal', message } };
  }
}
