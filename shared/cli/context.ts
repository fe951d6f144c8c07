/** Builds the engine's dependencies for a CLI process from its environment. */
import { findClaude } from '../adapters/claude/find-claude';
import { selectCredentialStore } from '../adapters/credentials/select-store';
import { createFileLogger } from '../adapters/file-logger';
import { getBrokerPaths } from '../adapters/paths';
import type { EngineDeps } from '../engine/deps';
import { CliError } from './cli-error';

export interface CliContext {
  deps: EngineDeps;
  now: () => number;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

/**
 * Creates the CLI context; a bad environment variable is a CliError with the fix. `claudeVersion: false`
 * skips running `claude --version` (doctor must start no process; the usage User-Agent then uses the default).
 */
export async function createCliContext(
  env: NodeJS.ProcessEnv = process.env,
  options: { claudeVersion?: boolean } & Partial<Pick<CliContext, 'stdout' | 'stderr'>> = {},
): Promise<CliContext> {
  let paths: ReturnType<typeof getBrokerPaths>;
  try {
    paths = getBrokerPaths(env);
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const logger = createFileLogger(paths.log);
  const claudeBin = findClaude(env);
  const deps: EngineDeps = {
    paths,
    logger,
    store: selectCredentialStore(paths.credentials),
    claudeBin,
    claudeVersion: null,
    env,
    random: Math.random,
  };
  if (claudeBin && options.claudeVersion !== false) {
    const { claudeVersion } = await import('../adapters/claude/find-claude');
    deps.claudeVersion = await claudeVersion(claudeBin, { env, timeoutMs: 3000 });
  }
  return {
    deps,
    now: Date.now,
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
  };
}
