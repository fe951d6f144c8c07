/** Runs systemctl / launchctl (found on PATH, no shell, with a timeout); tests put stand-ins first on PATH. */
import { findExecutable } from '../alerts/find-executable';
import { runChild } from '../claude/run-child';

export interface ToolResult {
  ok: boolean;
  exitCode: number | null;
  stdout: string;
  /** stderr, or why the tool could not run. */
  stderr: string;
}

/** Runs `tool args` and never throws. */
export type ServiceToolRunner = (tool: 'systemctl' | 'launchctl', args: string[]) => Promise<ToolResult>;

const TOOL_TIMEOUT_MS = 15_000;

/** The default runner: the tool from `env.PATH` (launchctl also from /bin). */
export function createServiceToolRunner(env: NodeJS.ProcessEnv): ServiceToolRunner {
  return async (tool, args) => {
    const bin =
      (await findExecutable(tool, env)) ??
      (tool === 'launchctl' ? await findExecutable('/bin/launchctl', env) : null);
    if (!bin) return { ok: false, exitCode: null, stdout: '', stderr: `${tool} was not found on PATH` };
    const run = await runChild(bin, args, { env, timeoutMs: TOOL_TIMEOUT_MS, killGraceMs: 1000 });
    const stderr = run.spawnError ?? (run.timedOut ? `${tool} timed out` : run.stderr.trim());
    return { ok: run.exitCode === 0 && !run.timedOut, exitCode: run.exitCode, stdout: run.stdout, stderr };
  };
}
