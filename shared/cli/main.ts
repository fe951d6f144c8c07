/**
 * `quota-broker`: the headless CLI around the engine. Every command takes --help; errors are one sentence
 * on stderr with a non-zero exit.
 */
import { parseArgs } from 'node:util';
import { redactUnknown } from '../domain/redact';
import { CliError, EXIT_USAGE } from './cli-error';
import { DAEMON_HELP, daemonCommand } from './commands/daemon';
import { DOCTOR_HELP, doctorCommand } from './commands/doctor/command';
import { RUN_HELP, runCommand } from './commands/launch/run';
import { SHELL_INIT_HELP, shellInitCommand } from './commands/launch/shell-init';
import { REFRESH_HELP, refreshCommand } from './commands/refresh';
import { RELOGIN_HELP, reloginCommand } from './commands/relogin';
import { SERVE_HELP, serveCommand } from './commands/serve';
import { SERVICE_HELP, serviceCommand } from './commands/service';
import { SLOTS_HELP, slotsCommand } from './commands/slots';
import { slotsDiscoverCommand, slotsImportCommand } from './commands/slots-adopt';
import { STATUS_HELP, statusCommand } from './commands/status';
import { type CliContext, createCliContext } from './context';

const MAIN_HELP = `quota-broker ${__APP_VERSION__} — keeps several Claude Code accounts healthy and visible.

Usage: quota-broker <command> [options]

Commands:
  status [--json]              every slot's quota, health and data age (reads the cache)
  refresh [--slot ID] [--json] run one refresh cycle now
  daemon                       run the broker in the foreground
  slots list|add|remove|enable|disable|discover|import
                               manage the slot registry; discover and import
                               adopt an existing setup
  run <slot>|--best [-- ARGS]  start Claude Code on a slot (claude ARGS)
  shell-init bash|zsh|fish     claude1…claudeN shell functions, for eval
  serve [--port N]             the dashboard on 127.0.0.1 (prints its URL)
  doctor [--json] [--online]   what is broken and how to fix it, in one second
  relogin <slot>               log a slot's account in again (claude auth login)
  service install|uninstall|status
                               run the daemon as a launchd agent / systemd user unit
  statusline                   one line for Claude Code's statusLine (see statusline --help)

Run "quota-broker <command> --help" for details.

Environment: QUOTA_BROKER_HOME (state dir, default ~/.claude/session-health),
QUOTA_BROKER_SESSIONS, QUOTA_BROKER_CREDENTIALS (auto|keychain|secret-service|file),
QUOTA_BROKER_CLAUDE, QUOTA_BROKER_API_URL, QUOTA_BROKER_TOKEN_URL.`;

const HELP: Record<string, string> = {
  status: STATUS_HELP,
  refresh: REFRESH_HELP,
  daemon: DAEMON_HELP,
  slots: SLOTS_HELP,
  serve: SERVE_HELP,
  doctor: DOCTOR_HELP,
  relogin: RELOGIN_HELP,
  service: SERVICE_HELP,
  run: RUN_HELP,
  'shell-init': SHELL_INIT_HELP,
};

/**
 * Commands that declare and parse their own options (each module keeps a small options list); main only
 * routes to them, by the command's words.
 */
const OWN_OPTIONS: Record<string, (ctx: CliContext, args: string[]) => Promise<number>> = {
  run: runCommand,
  'shell-init': shellInitCommand,
  'slots discover': slotsDiscoverCommand,
  'slots import': slotsImportCommand,
};

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  slot: { type: 'string' },
  email: { type: 'string' },
  label: { type: 'string' },
  default: { type: 'boolean' },
  port: { type: 'string' },
  online: { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

/** Where a run of the CLI reads its environment and writes its output (a process, or a test). */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

/**
 * Runs `quota-broker <argv>` and resolves with its exit code; never rejects: a usage or environment
 * error is one sentence on `io.stderr` (64 or 2), anything else is "Unexpected error" (2), redacted.
 */
export async function runQuotaBroker(argv: string[], io: CliIo): Promise<number> {
  try {
    return await main(argv, io);
  } catch (e) {
    const code = e instanceof CliError ? e.exitCode : 2;
    const message = e instanceof CliError ? e.message : `Unexpected error: ${redactUnknown(e)}`;
    io.stderr.write(`quota-broker: ${message}\n`);
    return code;
  }
}

async function main(argv: string[], io: CliIo): Promise<number> {
  const words = OWN_OPTIONS[argv[0]] ? 1 : OWN_OPTIONS[`${argv[0]} ${argv[1]}`] ? 2 : 0;
  if (words > 0) {
    const ctx = await createCliContext(io.env, {
      claudeVersion: false,
      stdout: io.stdout,
      stderr: io.stderr,
    });
    return OWN_OPTIONS[argv.slice(0, words).join(' ')](ctx, argv.slice(words));
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${(e as Error).message}. See: quota-broker --help`, EXIT_USAGE);
  }
  const { values: flags, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (flags.version) {
    io.stdout.write(`${__APP_VERSION__}\n`);
    return 0;
  }
  if (!command || command === 'help') {
    io.stdout.write(`${(rest[0] && HELP[rest[0]]) || MAIN_HELP}\n`);
    return 0;
  }
  if (!(command in HELP))
    throw new CliError(`Unknown command "${command}". See: quota-broker --help`, EXIT_USAGE);
  if (flags.help) {
    io.stdout.write(`${HELP[command]}\n`);
    return 0;
  }
  // doctor and service must stay fast and offline: no `claude --version` for them.
  const ctx = await createCliContext(io.env, {
    claudeVersion: command !== 'doctor' && command !== 'service',
    stdout: io.stdout,
    stderr: io.stderr,
  });
  switch (command) {
    case 'status':
      return statusCommand(ctx, flags);
    case 'refresh':
      return refreshCommand(ctx, flags);
    case 'daemon':
      return daemonCommand(ctx);
    case 'slots':
      return slotsCommand(ctx, rest, flags);
    case 'serve':
      return serveCommand(ctx, flags);
    case 'doctor':
      return doctorCommand(ctx, flags);
    case 'relogin':
      return reloginCommand(ctx, rest, flags);
    case 'service':
      return serviceCommand(ctx, rest);
  }
  return 0;
}
