/**
 * The tray's "Run Doctor": `quota-broker doctor` run in this process against the app's own engine
 * dependencies (the CLI's command, its text report captured instead of printed), so it needs no `node`
 * on PATH. The doctor only reads files (and `crontab -l`); it starts no claude process.
 */
import { Writable } from 'node:stream';
import { CliError } from '../shared/cli/cli-error';
import { doctorCommand, EXIT_DOCTOR_FAILED } from '../shared/cli/commands/doctor/command';
import type { EngineDeps } from '../shared/engine/deps';

export interface DoctorRun {
  /** The CLI's exit code: 0 healthy, 1 problems found, 2 the doctor could not run. */
  code: number;
  /** The report as `quota-broker doctor` prints it, without colours. */
  output: string;
}

/** Runs the doctor over `engine`'s paths and store; resolves with its exit code and report. */
export async function runDoctor(engine: EngineDeps, now: () => number): Promise<DoctorRun> {
  let output = '';
  const stdout = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  try {
    const code = await doctorCommand({ deps: engine, now, stdout, stderr: stdout }, {});
    return { code, output: output.trim() };
  } catch (e) {
    const code = e instanceof CliError ? e.exitCode : EXIT_DOCTOR_FAILED;
    return { code, output: (e as Error).message };
  }
}
