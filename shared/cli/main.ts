/**
 * `quota-broker`: the headless CLI around the engine. Every command takes --help; errors are one sentence
 * on stderr with a non-zero exit.
 */
import { describeTrustProblem, getStateTrustProblems } from '../adapters/fs/state-trust';
import { redactUnknown } from '../domain/redact';
import { parseCommandLine, seeHelp, wantsHelp } from './args/parse-command-line';
import { CliError, EXIT_USAGE } from './cli-error';
import { COMMANDS, type CommandEntry, isCommandGroup } from './commands/table';
import { createCliContext } from './context';
import { getStatuslineHelp } from './statusline/help';

const MAIN_HELP = `quota-broker ${__APP_VERSION__} — keeps several Claude Code accounts healthy and visible.

Usage: quota-broker <command> [options]

Commands:
  status [--json]              every slot's quota, health and data age (reads the cache)
  refresh [--slot ID] [--json] run one refresh cycle now
  daemon [--json]              run the broker in the foreground
  slots list|add|remove|enable|disable|discover|import
                               manage the slot registry; adopt an existing setup
  serve [--port N]             the dashboard on 127.0.0.1 (prints its URL)
  doctor [--json] [--online]   what is broken and how to fix it, in one second
  relogin <slot>               log a slot's account in again (claude auth login)
  run <slot>|--best [-- args]  start Claude Code on a slot (its CLAUDE_CONFIG_DIR, a clean environment)
  shell-init bash|zsh|fish     shell functions claude1…claudeN and claude-<id> (eval "$(…)")
  service install|uninstall|status
                               run the daemon as a launchd agent / systemd user unit
  statusline                   one line for Claude Code's statusLine (see statusline --help)

Run "quota-broker <command> --help" for details. --json (status, refresh, daemon,
slots list/discover/import, service status, doctor) prints one documented shape per
kind (docs/json.md). Exit codes: 0 fine, 1 it ran and found a problem, 2 it could not
run, 64 a command line it does not understand.

Environment: QUOTA_BROKER_HOME (state dir, default ~/.claude/session-health),
QUOTA_BROKER_SESSIONS, QUOTA_BROKER_CREDENTIALS (auto|keychain|secret-service|file),
QUOTA_BROKER_CLAUDE, QUOTA_BROKER_API_URL, QUOTA_BROKER_TOKEN_URL.`;

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

/** The command line's entry and the words that name it (`slots add`), or a usage error. */
function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } {
  const [word, ...rest] = argv;
  const found = Object.hasOwn(COMMANDS, word) ? COMMANDS[word] : undefined;
  if (!found) throw new CliError(`Unknown command "${word}". Run: quota-broker --help`, EXIT_USAGE);
  if (!isCommandGroup(found)) return { entry: found, rest };
  const sub = rest[0] === undefined || rest[0].startsWith('-') ? found.fallback : rest[0];
  const entry =
    sub !== undefined && Object.hasOwn(found.subcommands, sub) ? found.subcommands[sub] : undefined;
  if (entry) return { entry, rest: sub === rest[0] ? rest.slice(1) : rest };
  if (wantsHelp(rest)) return { entry: { ...Object.values(found.subcommands)[0], help: found.help }, rest };
  const choices = Object.keys(found.subcommands).join('|');
  throw new CliError(
    sub === undefined
      ? `${word} needs a subcommand (${choices}). ${seeHelp(word)}`
      : `${word} has no subcommand "${sub}" (${choices}). ${seeHelp(word)}`,
    EXIT_USAGE,
  );
}

/** What the words before a command may be: `--help`, `--version`, or `help [command]` alone. */
function runTopLevel(argv: string[], io: CliIo): number | null {
  const [first, ...rest] = argv;
  if (first === undefined || ((first === '--help' || first === '-h') && rest.length === 0)) {
    io.stdout.write(`${MAIN_HELP}\n`);
    return 0;
  }
  if ((first === '--version' || first === '-v') && rest.length === 0) {
    io.stdout.write(`${__APP_VERSION__}\n`);
    return 0;
  }
  if (first === 'help') {
    if (rest.length === 0) return runTopLevel([], io);
    if (rest.length > 2) throw new CliError(`help takes one command. Run: quota-broker --help`, EXIT_USAGE);
    // The statusline is its own bundle (bin/quota-broker.cjs sends it there); its help is text only.
    if (rest[0] === 'statusline' && rest.length === 1) {
      io.stdout.write(getStatuslineHelp());
      return 0;
    }
    const { entry } = findCommand([...rest, '--help']);
    io.stdout.write(`${entry.help}\n`);
    return 0;
  }
  if (['--help', '-h', '--version', '-v'].includes(first))
    throw new CliError(
      `quota-broker ${first} takes nothing after it (got ${rest.map((a) => JSON.stringify(a)).join(' ')}). Run: quota-broker --help`,
      EXIT_USAGE,
    );
  if (first.startsWith('-'))
    throw new CliError(
      `Options go after the command (got ${first} first). Run: quota-broker --help`,
      EXIT_USAGE,
    );
  return null;
}

async function main(argv: string[], io: CliIo): Promise<number> {
  const topLevel = runTopLevel(argv, io);
  if (topLevel !== null) return topLevel;
  const { entry, rest } = findCommand(argv);
  if (wantsHelp(rest)) {
    io.stdout.write(`${entry.help}\n`);
    return 0;
  }
  const parsed = parseCommandLine(entry.spec, rest);
  if (!parsed.ok) throw new CliError(parsed.message, EXIT_USAGE);
  const ctx = await createCliContext(io.env, {
    claudeVersion: entry.claudeVersion !== false,
    stdout: io.stdout,
    stderr: io.stderr,
  });
  const untrusted = entry.writes ? getStateTrustProblems(ctx.deps.paths)[0] : undefined;
  if (untrusted) throw new CliError(describeTrustProblem(untrusted), 2);
  return entry.run(ctx, parsed.values, parsed.args, parsed.passthrough);
}
