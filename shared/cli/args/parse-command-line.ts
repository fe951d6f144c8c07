/**
 * The CLI's one grammar (docs/contracts.md "Files and environment": 64 for a usage error): each command
 * declares its options and arguments (shared/cli/args/commands.ts); this parses one command's argv
 * against its declaration and answers the values or ONE sentence naming the command's `--help`.
 * Pure and dependency-free, so the statusline's option bundle can use it too.
 */

/** One option of one command. Every string option refuses an empty value. */
export interface OptionSpec {
  type: 'boolean' | 'string';
  /** One-letter alias (`-h`). */
  short?: string;
  /** What the value is, for messages and help ("a port number"). */
  valueName?: string;
  /** Checks a non-empty string value: why it is wrong ("must be …", follows the option's name), or null. */
  check?: (value: string) => string | null;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** What one command (or subcommand) accepts. */
export interface CommandSpec {
  /** As typed after `quota-broker`: `status`, `slots add`. */
  name: string;
  options: OptionSpecs;
  /** Its positional arguments in order; required ones first. */
  args?: readonly { name: string; required?: boolean }[];
  /**
   * Everything after `--`, or after the last positional argument, is handed on untouched (`run <slot>
   * --resume`, `run <slot> -- --resume`), not parsed as its own.
   */
  passthrough?: boolean;
}

/** The parsed values of `O`: booleans are true when given, strings are their (checked) value. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

export type ParsedCommandLine<O extends OptionSpecs> =
  | { ok: true; values: OptionValues<O>; args: string[]; passthrough: string[] }
  | { ok: false; message: string };

/** `--help`/`-h`: every command takes it. */
export const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h' };

/** The sentence's tail: where to look. */
export function seeHelp(command: string): string {
  return `Run: quota-broker ${command} --help`;
}

/** A usage problem as the CLI prints it (after `quota-broker: `): one sentence, then where to look. */
export function usageMessage(command: string, problem: string): string {
  return `${command} ${problem}. ${seeHelp(command)}`;
}

const quote = (values: string[]) => values.map((v) => JSON.stringify(v)).join(' ');

/** True when `argv` asks for help (before a `--`): help wins over every other problem on the line. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * Parses `argv` (what follows the command's name) against `spec`. Unknown options, options given twice,
 * values for flags, missing or empty values, values their check refuses, missing and extra arguments
 * are each one sentence (see {@link usageMessage}). `--` ends the options.
 */
export function parseCommandLine<O extends OptionSpecs>(
  spec: CommandSpec & { options: O },
  argv: readonly string[],
): ParsedCommandLine<O> {
  const options: OptionSpecs = { help: HELP_OPTION, ...spec.options };
  const byShort = new Map(
    Object.entries(options)
      .filter(([, o]) => o.short)
      .map(([name, o]) => [o.short as string, name]),
  );
  const values: Record<string, string | boolean> = {};
  const args: string[] = [];
  let passthrough: string[] = [];
  const fail = (problem: string): ParsedCommandLine<O> => ({
    ok: false,
    message: usageMessage(spec.name, problem),
  });
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      if (spec.passthrough) passthrough = argv.slice(i + 1);
      else args.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      args.push(token);
      const declaredCount = spec.args?.length ?? 0;
      if (spec.passthrough && declaredCount > 0 && args.length === declaredCount) {
        const rest = argv.slice(i + 1);
        passthrough = rest[0] === '--' ? rest.slice(1) : rest;
        break;
      }
      continue;
    }
    const long = token.startsWith('--');
    const eq = long ? token.indexOf('=') : -1;
    const name = long ? token.slice(2, eq < 0 ? undefined : eq) : byShort.get(token.slice(1));
    const shown = long ? `--${token.slice(2, eq < 0 ? undefined : eq)}` : token;
    const option = name !== undefined && Object.hasOwn(options, name) ? options[name] : undefined;
    if (!option || name === undefined) return fail(`does not take ${shown}`);
    if (name in values) return fail(`takes ${shown} only once`);
    if (option.type === 'boolean') {
      if (eq >= 0) return fail(`takes ${shown} without a value`);
      values[name] = true;
      continue;
    }
    const inline = eq >= 0 ? token.slice(eq + 1) : undefined;
    const next = argv[i + 1];
    const value =
      inline ?? (next !== undefined && !(next.startsWith('-') && next !== '-') ? next : undefined);
    if (inline === undefined && value !== undefined) i++;
    const what = option.valueName ?? 'a value';
    if (value === undefined) return fail(`${shown} needs ${what}`);
    if (value === '') return fail(`${shown} needs ${what}, not an empty string`);
    const problem = option.check?.(value);
    if (problem) return fail(`${shown} ${problem} (got ${JSON.stringify(value)})`);
    values[name] = value;
  }
  const declared = spec.args ?? [];
  if (args.length > declared.length) {
    const extra = args.slice(declared.length);
    return fail(
      declared.length === 0
        ? `takes no arguments (got ${quote(extra)})`
        : `takes only ${declared.map((a) => `<${a.name}>`).join(' ')} (got ${quote(extra)} as well)`,
    );
  }
  const missing = declared.slice(args.length).filter((a) => a.required);
  if (missing.length > 0) return fail(`needs ${missing.map((a) => `<${a.name}>`).join(' ')}`);
  const empty = args.indexOf('');
  if (empty >= 0) return fail(`needs a non-empty <${declared[empty].name}>`);
  return { ok: true, values: values as OptionValues<O>, args, passthrough };
}
