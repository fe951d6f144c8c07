/**
 * `quota-broker run <slot>|--best [--] [claude args]`: starts Claude Code on a slot — its config dir, a
 * cleaned environment (docs/contracts.md "Launching Claude Code on a slot") — after asking the shared slot
 * state whether the slot can take work: a dead login is refused with its re-login command, a slot at its
 * limit starts with a warning naming a better one.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { readCache } from '../../../adapters/cache-store';
import { claudeChildEnv } from '../../../adapters/claude/clean-env';
import { findClaude } from '../../../adapters/claude/find-claude';
import { getClaudeConfigDirEnv } from '../../../adapters/credentials/keychain-naming';
import { getSlotTarget } from '../../../adapters/credentials/slot-target';
import { getBestSlot, getLaunchVerdict } from '../../../domain/launch';
import { CliError, EXIT_USAGE, unknownSlotError } from '../../cli-error';
import type { CliContext } from '../../context';
import { loadLaunchSlots } from './launch-slots';

export const RUN_HELP = `Usage: quota-broker run <slot> [--] [claude arguments…]
       quota-broker run --best [--] [claude arguments…]

Starts Claude Code (claude on PATH, or QUOTA_BROKER_CLAUDE) on a slot: with that
slot's CLAUDE_CONFIG_DIR (unset for the default account) and without
CLAUDE_CODE_OAUTH_TOKEN, ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN and
CLAUDE_SECURESTORAGE_CONFIG_DIR, which would override the slot's login.
Everything after the slot (or after --) goes to claude unchanged:
quota-broker run work --resume. With --best, put claude's options after --.

  --best      the slot recommended now: usable, with the most 5-hour headroom
  -h, --help  this text

A slot whose login is dead is refused with the command that logs it in again
(exit 1); a slot at its limit starts with a warning naming a better slot.
Exits with claude's exit code. For claude1…claudeN shell functions: quota-broker
shell-init --help.`;

/** Runs the command; resolves with claude's exit code (128 + signal number when a signal ended it). */
export async function runCommand(
  ctx: CliContext,
  values: { best?: boolean },
  args: string[],
  claudeArgs: string[],
): Promise<number> {
  // After --best there is no slot: a word that follows it is already claude's.
  const best = values.best === true;
  const parsed = best
    ? { best, slot: null, claudeArgs: [...args, ...claudeArgs] }
    : { best, slot: args[0] ?? null, claudeArgs };
  if (!parsed.best && parsed.slot === null)
    throw new CliError('run needs one slot id, or --best. Run: quota-broker run --help', EXIT_USAGE);
  const { paths } = ctx.deps;
  const now = ctx.now();
  const [{ slots, error }, load] = await Promise.all([loadLaunchSlots(ctx), readCache(paths.cache)]);
  if (error) ctx.stderr.write(`quota-broker: ${error}\n`);
  const cache = load.state === 'ok' ? load.cache : null;
  const id = parsed.best ? getBestSlot(cache, now) : parsed.slot;
  if (id === null)
    throw new CliError(
      'No slot is recommended right now (none is usable, or there is no data yet). Run: quota-broker status',
    );
  const slot = slots.find((s) => s.id === id);
  if (!slot) throw unknownSlotError(id, slots);
  const verdict = getLaunchVerdict(id, cache, now);
  if (verdict.kind === 'refuse') throw new CliError(verdict.message);
  if (verdict.kind === 'warn') ctx.stderr.write(`quota-broker: warning: ${verdict.message}\n`);
  const bin = findClaude(ctx.deps.env);
  if (!bin)
    throw new CliError(
      'Claude Code (claude) was not found on PATH. Install it, or set QUOTA_BROKER_CLAUDE to its path.',
      2,
    );
  const target = getSlotTarget(slot, paths.defaultConfigDir, paths.home);
  const env = claudeChildEnv(ctx.deps.env, getClaudeConfigDirEnv(target) ?? null);
  if (parsed.best) ctx.stderr.write(`quota-broker: starting Claude Code on ${id}\n`);
  return runInherited(bin, parsed.claudeArgs, env);
}

/**
 * Runs claude on this terminal and waits. Ctrl-C reaches claude directly (same process group), so this
 * process ignores SIGINT/SIGQUIT meanwhile instead of dying under it; SIGTERM and SIGHUP are passed on.
 */
function runInherited(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: 'inherit', env });
    const ignore = () => undefined;
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', ignore);
    process.on('SIGQUIT', ignore);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    const done = () => {
      process.off('SIGINT', ignore);
      process.off('SIGQUIT', ignore);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
    };
    child.on('error', (e) => {
      done();
      reject(new CliError(`Could not start ${bin}: ${e.message}`, 2));
    });
    child.on('exit', (code, signal) => {
      done();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
