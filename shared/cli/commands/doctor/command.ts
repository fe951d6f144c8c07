/** `quota-broker doctor [--json] [--online]` (docs/doctor.md). */
import { EXIT_DOCTOR_FAILED, runDoctor } from '../../../host/run-doctor';
import { CliError } from '../../cli-error';
import type { CliContext } from '../../context';
import { getColours, shouldColour } from '../../format';

export const DOCTOR_HELP = `Usage: quota-broker doctor [--json] [--online]

Checks everything that can silently break, in about a second, and says what to do:
per slot — config dir, stored login (present, parseable), access-token expiry, login
expiry or age, last success and its age, last error and its kind, usage calls in the
last hour, 429 back-off, status and health; globally — the registry (line:col when it
does not parse), cache age, whether a broker is running, the installed service and
where its output goes, cron jobs that discard the broker's output, and the log's last
errors. Each finding is one line with its fix (e.g. "run: quota-broker relogin slot-2").

Offline by default: it reads files only and starts no claude process.
  --online   also call each slot's usage endpoint once (skipped during a 429
             back-off, with an expired token or without budget left)
  --json     machine-readable report (shape: docs/doctor.md)

Exit 0 healthy (warnings allowed), 1 problems found, 2 doctor could not run.
Never prints a token.`;

/** Runs the doctor; problems are exit 1, an internal failure exit 2. */
export async function doctorCommand(
  ctx: CliContext,
  flags: { json?: boolean; online?: boolean },
): Promise<number> {
  const run = await runDoctor(ctx.deps, ctx.now(), {
    ...flags,
    colours: getColours(shouldColour(ctx.stdout, ctx.deps.env)),
  });
  if (run.code === EXIT_DOCTOR_FAILED) throw new CliError(run.output, EXIT_DOCTOR_FAILED);
  ctx.stdout.write(`${run.output}\n`);
  return run.code;
}
