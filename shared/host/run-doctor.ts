/**
 * The doctor, run once over an engine's dependencies: gathers the facts, judges them, renders the report.
 * Both faces use it — `quota-broker doctor` prints it, the app's tray shows it in a dialog.
 */
import { gatherDoctorFacts } from '../adapters/doctor/gather-facts';
import { renderDoctorJson } from '../domain/doctor/render-json';
import { renderDoctorText } from '../domain/doctor/render-text';
import { getDoctorReport } from '../domain/doctor/report';
import type { Colours } from '../domain/format/colours';
import { redactUnknown } from '../domain/redact';
import type { EngineDeps } from '../engine/deps';
import { createOnlineCheck } from './doctor-online';

/** Exit code when the doctor itself could not run. */
export const EXIT_DOCTOR_FAILED = 2;

export interface DoctorRun {
  /** 0 healthy, 1 problems found, 2 the doctor could not run. */
  code: number;
  /** The report (text or JSON), or the one sentence saying why the doctor could not run. */
  output: string;
}

export interface DoctorOptions {
  json?: boolean;
  online?: boolean;
  /** Colours for the text report (identity functions for none). */
  colours: Colours;
}

/** Runs the doctor. Never rejects: a failure is `{ code: 2, output: sentence }`. */
export async function runDoctor(deps: EngineDeps, now: number, options: DoctorOptions): Promise<DoctorRun> {
  try {
    const facts = await gatherDoctorFacts({
      paths: deps.paths,
      store: deps.store,
      env: deps.env,
      claudeBin: deps.claudeBin,
      now,
      online: options.online ? createOnlineCheck(deps, () => Date.now()) : null,
    });
    const report = getDoctorReport(facts, now);
    const output = options.json
      ? renderDoctorJson(facts, report, now)
      : renderDoctorText(facts, report, options.colours);
    return { code: report.exitCode, output };
  } catch (e) {
    return { code: EXIT_DOCTOR_FAILED, output: `doctor could not run: ${redactUnknown(e)}` };
  }
}
