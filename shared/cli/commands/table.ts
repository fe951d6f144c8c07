/**
 * Every `quota-broker` command in one table: what it accepts (options and arguments, checked by
 * shared/cli/args/parse-command-line.ts before anything runs), its help and what runs it. A new option
 * for every command (e.g. `--json`) is one entry in each `options`; an option a command does not list is
 * a usage error (exit 64) naming that command's `--help`.
 */
import { checkPort, checkSeconds, flag, JSON_OPTION, SLOT_OPTION, text } from '../args/options';
import type { CommandSpec, OptionSpecs, OptionValues } from '../args/parse-command-line';
import type { CliContext } from '../context';
import { DAEMON_HELP, daemonCommand } from './daemon';
import { DOCTOR_HELP, doctorCommand } from './doctor/command';
import { RUN_HELP, runCommand } from './launch/run';
import { SHELL_INIT_HELP, shellInitCommand } from './launch/shell-init';
import { REFRESH_HELP, refreshCommand } from './refresh';
import { RELOGIN_HELP, reloginCommand } from './relogin';
import { SERVE_HELP, serveCommand } from './serve';
import { SERVICE_HELP, serviceCommand } from './service';
import { SLOTS_HELP, slotsCommand } from './slots';
import { slotsDiscoverCommand, slotsImportCommand } from './slots-adopt';
import { STATUS_HELP, statusCommand } from './status';

/** One runnable command line: its grammar, help, and what it does with the parsed values. */
export interface CommandEntry<O extends OptionSpecs = OptionSpecs> {
  spec: CommandSpec & { options: O };
  help: string;
  /** False: do not run `claude --version` first (doctor and service must stay fast and offline). */
  claudeVersion?: boolean;
  /**
   * It writes the state dir or the registry: refused up front (exit 2, one sentence) while either is
   * someone else's or writable by others (shared/adapters/fs/state-trust.ts).
   */
  writes?: boolean;
  /** `passthrough`: what followed `--` when the spec hands it on (`run`). */
  run(ctx: CliContext, values: OptionValues<O>, args: string[], passthrough: string[]): Promise<number>;
}

/** A command with subcommands (`slots add`, `service install`). */
export interface CommandGroup {
  help: string;
  subcommands: Record<string, CommandEntry>;
  /** What the bare group word runs (`slots` lists), if anything. */
  fallback?: string;
}

/** Keeps each entry's option types for its `run`, then erases them for the table. */
function command<const O extends OptionSpecs>(entry: CommandEntry<O>): CommandEntry {
  return entry as unknown as CommandEntry;
}

const slots = (name: string, options: OptionSpecs, args: CommandSpec['args']) =>
  command({
    spec: { name: `slots ${name}`, options, args },
    help: SLOTS_HELP,
    claudeVersion: false,
    writes: name !== 'list',
    run: (ctx, values, rest) => slotsCommand(ctx, name, rest, values),
  });

const service = (name: string, options: OptionSpecs = {}) =>
  command({
    spec: { name: `service ${name}`, options },
    help: SERVICE_HELP,
    claudeVersion: false,
    run: (ctx, values) => serviceCommand(ctx, name, values),
  });

/** The commands, in the order the main help lists them. */
export const COMMANDS: Record<string, CommandEntry | CommandGroup> = {
  status: command({
    spec: { name: 'status', options: { json: JSON_OPTION } },
    help: STATUS_HELP,
    run: (ctx, values) => statusCommand(ctx, values),
  }),
  refresh: command({
    spec: { name: 'refresh', options: { slot: SLOT_OPTION, json: JSON_OPTION, quiet: flag('q') } },
    help: REFRESH_HELP,
    writes: true,
    run: (ctx, values) => refreshCommand(ctx, values),
  }),
  daemon: command({
    spec: { name: 'daemon', options: { json: JSON_OPTION } },
    help: DAEMON_HELP,
    writes: true,
    run: (ctx, values) => daemonCommand(ctx, { format: values.json ? 'json' : 'text' }),
  }),
  slots: {
    help: SLOTS_HELP,
    fallback: 'list',
    subcommands: {
      list: slots('list', { json: JSON_OPTION }, []),
      add: slots('add', { email: text('an e-mail address'), label: text('a label'), default: flag() }, [
        { name: 'id', required: true },
        { name: 'config_dir' },
      ]),
      remove: slots('remove', {}, [{ name: 'id', required: true }]),
      enable: slots('enable', {}, [{ name: 'id', required: true }]),
      disable: slots('disable', {}, [{ name: 'id', required: true }]),
      discover: command({
        spec: { name: 'slots discover', options: { add: flag(), json: JSON_OPTION } },
        help: SLOTS_HELP,
        claudeVersion: false,
        writes: true,
        run: (ctx, values) => slotsDiscoverCommand(ctx, values),
      }),
      import: command({
        spec: {
          name: 'slots import',
          options: { json: JSON_OPTION },
          args: [{ name: 'file', required: true }],
        },
        help: SLOTS_HELP,
        claudeVersion: false,
        writes: true,
        run: (ctx, values, args) => slotsImportCommand(ctx, values, args),
      }),
    },
  },
  serve: command({
    spec: { name: 'serve', options: { port: text('a port number', checkPort) } },
    help: SERVE_HELP,
    writes: true,
    run: (ctx, values) => serveCommand(ctx, values),
  }),
  doctor: command({
    spec: { name: 'doctor', options: { json: JSON_OPTION, online: flag() } },
    help: DOCTOR_HELP,
    claudeVersion: false,
    run: (ctx, values) => doctorCommand(ctx, values),
  }),
  relogin: command({
    spec: {
      name: 'relogin',
      options: { email: text('an e-mail address'), timeout: text('seconds', checkSeconds(86_400)) },
      args: [{ name: 'slot', required: true }],
    },
    help: RELOGIN_HELP,
    writes: true,
    run: (ctx, values, args) => reloginCommand(ctx, args[0], values),
  }),
  run: command({
    spec: { name: 'run', options: { best: flag() }, args: [{ name: 'slot' }], passthrough: true },
    help: RUN_HELP,
    claudeVersion: false,
    run: (ctx, values, args, passthrough) => runCommand(ctx, values, args, passthrough),
  }),
  'shell-init': command({
    spec: { name: 'shell-init', options: {}, args: [{ name: 'shell', required: true }] },
    help: SHELL_INIT_HELP,
    claudeVersion: false,
    run: (ctx, _values, args) => shellInitCommand(ctx, args),
  }),
  service: {
    help: SERVICE_HELP,
    subcommands: {
      install: service('install'),
      uninstall: service('uninstall'),
      status: service('status', { json: JSON_OPTION }),
    },
  },
};

/** True for a command with subcommands. */
export function isCommandGroup(entry: CommandEntry | CommandGroup): entry is CommandGroup {
  return 'subcommands' in entry;
}
