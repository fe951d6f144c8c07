import { fstatSync, statSync } from 'node:fs';
import {
  type DaemonEvent,
  type DaemonEventFormat,
  formatDaemonEvent,
  formatDaemonEventWords,
  getCacheSlotStates,
  getSlotStateEvents,
  type SlotStates,
} from '../../domain/daemon-events';
import type { CycleOptions, CycleResult } from '../../engine/cycle';
import { startDaemon } from '../../engine/daemon';
import type { CliContext } from '../context';

export const DAEMON_HELP = `Usage: quota-broker daemon [--json]

Runs the broker in the foreground: polls every slot on its schedule (default every
300 s ±10 %), refreshes tokens, writes the cache and delivers alerts. Prints each
slot's state once, then each change of state and each alert, one line each on
stderr (e.g. "slot-2: ok → login dead — run: quota-broker relogin slot-2").
Logs to <state dir>/broker.log. When another broker already holds the lock,
follows it and takes over when it stops. SIGUSR1 (or "quota-broker refresh") runs
a cycle now. Stop with Ctrl-C or SIGTERM. To run it as a service: quota-broker
service install.

  --json   every line on stderr is one JSON object instead ("started", "role",
           "slot_state", "alert"; schema: docs/json.md); nothing on stdout`;

export interface DaemonCommandOptions {
  afterWrite?: CycleOptions['afterWrite'];
  /** How events are printed on stderr: sentences (default) or JSON lines. */
  format?: DaemonEventFormat;
}

/**
 * True when stderr is the broker's own log — the installed service appends the daemon's output there,
 * and the log already holds every alert — so the lines would only repeat it.
 */
function isStderrTheLog(ctx: CliContext): boolean {
  if (ctx.stderr !== process.stderr) return false;
  try {
    const out = fstatSync(2);
    const log = statSync(ctx.deps.paths.log);
    return out.isFile() && out.dev === log.dev && out.ino === log.ino;
  } catch {
    return false;
  }
}

/**
 * Prints what each cycle changed: the first cycle reports every slot's state, later ones only the slots
 * whose state changed, then the alerts the cycle delivered (domain/daemon-events.ts words them).
 */
function createCycleReporter(write: (line: string) => void, format: DaemonEventFormat) {
  let seen: SlotStates | null = null;
  return (result: CycleResult) => {
    const at = result.cache.ts ?? Date.now();
    const states = getCacheSlotStates(result.cache, at);
    const events = [
      ...getSlotStateEvents(seen, states, at),
      ...result.alerts.map((alert) => ({ type: 'alert' as const, at: alert.at, alert })),
    ];
    seen = states;
    for (const event of events) write(`${formatDaemonEvent(event, format)}\n`);
  };
}

export async function daemonCommand(ctx: CliContext, options: DaemonCommandOptions = {}): Promise<number> {
  const { paths, logger } = ctx.deps;
  const format = options.format ?? 'text';
  // Text: these two go to stdout in words; JSON: one stream of events on stderr, stdout silent.
  const say = (event: DaemonEvent) =>
    format === 'json'
      ? ctx.stderr.write(`${formatDaemonEvent(event, 'json')}\n`)
      : ctx.stdout.write(`${formatDaemonEventWords(event)}\n`);
  say({ type: 'started', at: ctx.now(), pid: process.pid, cache: paths.cache, log: paths.log });
  const report = isStderrTheLog(ctx)
    ? undefined
    : createCycleReporter((line) => ctx.stderr.write(line), format);
  const daemon = startDaemon(ctx.deps, ctx.now, {
    surface: 'daemon',
    afterWrite: options.afterWrite,
    onCycle: report,
    onRoleChange: (role) => say({ type: 'role', at: ctx.now(), role }),
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info(`daemon stopping (${signal})`);
      void daemon.stop().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
