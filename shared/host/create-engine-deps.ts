/**
 * The composition root: the engine's dependencies for a process (the CLI, `serve`, the app) built from
 * its environment — state-dir paths, the credential store, the file logger, the `claude` CLI.
 */
import { findClaude } from '../adapters/claude/find-claude';
import { selectCredentialStore } from '../adapters/credentials/select-store';
import { createFileLogger } from '../adapters/file-logger';
import { guardStateWrites } from '../adapters/fs/guard-state-writes';
import { nodeFileSystem } from '../adapters/fs/node-file-system';
import { createNodeFetch } from '../adapters/http/http-request';
import { getBrokerPaths } from '../adapters/paths';
import type { EngineDeps } from '../engine/deps';

/** A bad environment variable (e.g. QUOTA_BROKER_CREDENTIALS=nonsense): the message says the fix. */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

/**
 * Creates the engine's dependencies from `env`. `claudeVersion: false` skips running `claude --version`
 * (doctor must start no process; the usage User-Agent then uses the default).
 *
 * @throws EnvironmentError when a variable names something that cannot be used.
 */
export async function createEngineDeps(
  env: NodeJS.ProcessEnv,
  options: { claudeVersion?: boolean } = {},
): Promise<EngineDeps> {
  let paths: ReturnType<typeof getBrokerPaths>;
  try {
    paths = getBrokerPaths(env);
  } catch (e) {
    throw new EnvironmentError((e as Error).message);
  }
  const claudeBin = findClaude(env);
  // Every state-dir write checks that the dir (and the registry) is the user's own and nobody else's.
  const fs = guardStateWrites(nodeFileSystem, paths);
  const deps: EngineDeps = {
    paths,
    logger: createFileLogger(paths.log, fs),
    store: selectCredentialStore(paths.credentials),
    claudeBin,
    claudeVersion: null,
    env,
    random: Math.random,
    // The usage, token and profile calls honour this environment's proxy variables, as Claude Code does.
    fetch: createNodeFetch(env),
    fs,
  };
  if (claudeBin && options.claudeVersion !== false) {
    const { claudeVersion } = await import('../adapters/claude/find-claude');
    deps.claudeVersion = await claudeVersion(claudeBin, { env, timeoutMs: 3000 });
  }
  return deps;
}
