/**
 * The tray's "Run Doctor": the doctor run in this process against the app's own engine dependencies
 * (shared/host/run-doctor.ts, the same report `quota-broker doctor` prints), so it needs no `node` on
 * PATH. The doctor only reads files (and `crontab -l`); it starts no claude process.
 */
import { getColours } from '../shared/domain/format/colours';
import type { EngineDeps } from '../shared/engine/deps';
import { type DoctorRun, runDoctor as runHostDoctor } from '../shared/host/run-doctor';

export type { DoctorRun } from '../shared/host/run-doctor';

/** Runs the doctor over `engine`'s paths and store; resolves with its exit code and plain-text report. */
export async function runDoctor(engine: EngineDeps, now: () => number): Promise<DoctorRun> {
  const run = await runHostDoctor(engine, now(), { colours: getColours(false) });
  return { code: run.code, output: run.output.trim() };
}
