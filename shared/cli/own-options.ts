/**
 * Option parsing for commands that declare their own small options list (`run`, `shell-init`,
 * `slots discover`, `slots import`): an unknown option or a missing value is a usage error (exit 64) that
 * names the command's help.
 */
import { parseArgs } from 'node:util';
import { CliError, EXIT_USAGE } from './cli-error';

/** One declared option, as node:util's parseArgs takes it. */
export type OwnOption = { type: 'boolean' | 'string'; short?: string };
export type OwnOptions = Record<string, OwnOption>;

export interface OwnParse {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses `args` against `options`; at most `maxPositionals` positionals. `command` names the command in
 * errors (`quota-broker <command> --help`).
 */
export function parseOwnOptions(
  args: string[],
  options: OwnOptions,
  command: string,
  maxPositionals: number,
): OwnParse {
  let parsed: OwnParse;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as OwnParse;
  } catch (e) {
    throw new CliError(`${(e as Error).message}. See: quota-broker ${command} --help`, EXIT_USAGE);
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).join(' ');
    throw new CliError(`Unexpected argument "${extra}". See: quota-broker ${command} --help`, EXIT_USAGE);
  }
  return parsed;
}
