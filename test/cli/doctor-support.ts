/** Shared set-up for the doctor's black-box tests: a temp home, a stand-in crontab, and run helpers. */
import { expect } from 'vitest';
import type { FakeAnthropic } from '../fake-anthropic';
import { type CliRun, runCliInProcess } from '../support/run-cli';
import { createStandInBin, type StandInBin } from '../support/stand-in-bin';
import { createTempHome, type TempHome, type TempHomeOptions } from '../support/temp-home';

export interface DoctorHome {
  home: TempHome;
  bin: StandInBin;
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  doctor(args?: string[], extra?: NodeJS.ProcessEnv): Promise<CliRun>;
  json(args?: string[], extra?: NodeJS.ProcessEnv): Promise<{ run: CliRun; report: DoctorJson }>;
}

export interface DoctorJsonFinding {
  level: 'ok' | 'info' | 'warn' | 'problem';
  scope: string;
  code: string;
  message: string;
  fix: string | null;
}

export interface DoctorJson {
  version: number;
  exit_code: number;
  healthy: boolean;
  findings: DoctorJsonFinding[];
  slots: Record<string, Record<string, unknown>>;
  global: Record<string, Record<string, unknown> | string | null>;
  [key: string]: unknown;
}

/**
 * A temp home whose PATH starts with a stand-in `crontab` (empty by default, so the machine's own
 * crontab never leaks into a test). `crontab` is the text `crontab -l` prints.
 */
export function createDoctorHome(
  fake: FakeAnthropic,
  opts: Omit<TempHomeOptions, 'fake'> & { crontab?: string },
): DoctorHome {
  const home = createTempHome({ ...opts, fake });
  const bin = createStandInBin(home.home);
  setCrontab(bin, opts.crontab ?? null);
  const env = (extra: NodeJS.ProcessEnv = {}) => home.env({ PATH: bin.path, ...extra });
  return {
    home,
    bin,
    env,
    doctor: (args = [], extra = {}) => runCliInProcess(['doctor', ...args], env(extra)),
    json: async (args = [], extra = {}) => {
      const run = await runCliInProcess(['doctor', '--json', ...args], env(extra));
      return { run, report: JSON.parse(run.stdout) as DoctorJson };
    },
  };
}

/** Makes the stand-in `crontab -l` print `text`, or behave like a user without a crontab (null). */
export function setCrontab(bin: StandInBin, text: string | null): void {
  if (text == null) bin.add('crontab', 'echo "no crontab for tester" >&2\nexit 1');
  else bin.add('crontab', `cat <<'CRONTAB_EOF'\n${text}\nCRONTAB_EOF`);
}

/** No token (real or fake) may appear in anything the doctor prints. */
export function expectNoToken(run: CliRun): void {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/sk-ant-/);
}

/** The findings of one level for a scope. */
export function findingsOf(
  report: DoctorJson,
  level: DoctorJsonFinding['level'],
  scope?: string,
): DoctorJsonFinding[] {
  return report.findings.filter((f) => f.level === level && (scope === undefined || f.scope === scope));
}
