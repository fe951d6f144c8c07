/** The CLI's context: the engine's dependencies for this process plus where output goes. */
import type { EngineDeps } from '../engine/deps';
import { createEngineDeps, EnvironmentError } from '../host/create-engine-deps';
import { CliError } from './cli-error';

export interface CliContext {
  deps: EngineDeps;
  now: () => number;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

/**
 * Creates the CLI context; a bad environment variable is a CliError (exit 2) with the fix.
 * `claudeVersion: false` skips running `claude --version`.
 */
export async function createCliContext(
  env: NodeJS.ProcessEnv = process.env,
  options: { claudeVersion?: boolean } & Partial<Pick<CliContext, 'stdout' | 'stderr'>> = {},
): Promise<CliContext> {
  let deps: EngineDeps;
  try {
    deps = await createEngineDeps(env, options);
  } catch (e) {
    if (e instanceof EnvironmentError) throw new CliError(e.message, 2);
    throw e;
  }
  return {
    deps,
    now: Date.now,
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
  };
}
