/**
 * The engine in-process, as shared/cli/context.ts builds it, but pointed at a temp home and the fake, with
 * an injected clock, a recording logger and (optionally) a failing file system.
 */
import { createFileStore } from '../../shared/adapters/credentials/file-store';
import { nodeFileSystem } from '../../shared/adapters/fs/node-file-system';
import { createNodeFetch } from '../../shared/adapters/http/http-request';
import { getBrokerPaths } from '../../shared/adapters/paths';
import type { EngineDeps } from '../../shared/engine/deps';
import type { FileSystem } from '../../shared/ports/file-system';
import type { Logger } from '../../shared/ports/logger';
import type { TempHome } from './temp-home';

export interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

/** A clock a test moves by hand (and that also follows real time, so timeouts still work). */
export interface TestClock {
  now: () => number;
  /** Moves the clock by `ms` (negative: backwards). */
  jump(ms: number): void;
}

/** A clock running at real speed from `start`, with jumps. */
export function createTestClock(start = Date.now()): TestClock {
  let offset = start - Date.now();
  return {
    now: () => Date.now() + offset,
    jump: (ms) => {
      offset += ms;
    },
  };
}

/** Engine deps for `home` (file credential store, no claude CLI, no notifications). */
export function createTestDeps(
  home: TempHome,
  options: { fs?: FileSystem; random?: () => number } = {},
): { deps: EngineDeps; logs: LogLine[] } {
  const env = home.env();
  const logs: LogLine[] = [];
  const record =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void =>
      void logs.push({ level, message, fields });
  const logger: Logger = {
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    debug: record('debug'),
  };
  const deps: EngineDeps = {
    paths: getBrokerPaths(env, home.home),
    logger,
    store: createFileStore(),
    claudeBin: null,
    claudeVersion: null,
    env,
    random: options.random ?? Math.random,
    notifier: { name: 'test', notify: async () => ({ ok: true }) },
    // This home's environment decides the proxy (none), not the one the test runner inherited.
    fetch: createNodeFetch(env),
    fs: options.fs ?? nodeFileSystem,
  };
  return { deps, logs };
}
