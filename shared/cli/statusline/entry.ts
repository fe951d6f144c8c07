/**
 * `quota-broker statusline`: the bundled entry (dist/statusline.cjs, required by bin/quota-broker.cjs).
 * Runs on every Claude Code statusline update, so it imports almost nothing and always exits 0 with a
 * line. `--segment` and `--format` shape the line; the other options (--install, --uninstall, --help) load
 * their code lazily.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type BrokerPaths, getBrokerPaths } from '../../adapters/paths';
import { redact } from '../../domain/redact';
import { type LineArgs, parseLineArgs } from './line-args';
import { readStdinWithDeadline } from './read-stdin';
import { LOG_APPEND_FLAGS } from './refresh-trigger';
import { runStatusline } from './run-statusline';

/** The options' bundle, next to this one in dist/ (scripts/build.mjs builds both). */
const OPTIONS_BUNDLE = 'statusline-options.cjs';
/** The registry reader (YAML), loaded only for a cache that names no config dirs (an old writer's). */
const REGISTRY_BUNDLE = 'statusline-registry.cjs';

/** Printed when something unexpected broke: Claude Code hides a failing statusline, so print anyway. */
const FALLBACK_LINE = '❔statusline-error (see broker.log)';

function getPaths(env: NodeJS.ProcessEnv): BrokerPaths {
  try {
    return getBrokerPaths(env);
  } catch {
    // A bad QUOTA_BROKER_CREDENTIALS concerns the engine, not the line.
    return getBrokerPaths({ ...env, QUOTA_BROKER_CREDENTIALS: undefined });
  }
}

function print(text: string): void {
  try {
    writeSync(1, `${text}\n`);
  } catch {
    // Claude Code stopped listening (EPIPE): nothing left to tell it.
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] === 'statusline') args.shift();
  const line: LineArgs | null = parseLineArgs(args);
  if (!line) {
    try {
      // A separate bundle (dist/statusline-options.cjs): the per-update path never parses the install code.
      const { runStatuslineOptions } = require(join(__dirname, OPTIONS_BUNDLE)) as typeof import('./command');
      return await runStatuslineOptions(args, { binPath: join(__dirname, '..', 'bin', 'quota-broker.cjs') });
    } catch (error) {
      writeSync(2, `quota-broker statusline: ${(error as Error)?.message ?? error}\n`);
      return 1;
    }
  }
  const env = process.env;
  let paths: BrokerPaths | null = null;
  try {
    paths = getPaths(env);
    const stdinText = await readStdinWithDeadline();
    const result = await runStatusline({
      stdinText,
      env,
      paths,
      now: Date.now(),
      segment: line.segment,
      format: line.format,
      // The bundle lives in dist/ next to the full CLI bundle.
      refreshCommand: { script: join(__dirname, 'cli.cjs'), args: ['refresh', '--quiet'] },
      readRegistry: (file) =>
        (require(join(__dirname, REGISTRY_BUNDLE)) as typeof import('./registry-slots')).readRegistrySlots(
          file,
        ),
    });
    print(result.line);
  } catch (error) {
    print(FALLBACK_LINE);
    try {
      if (paths) {
        const fd = openSync(paths.log, LOG_APPEND_FLAGS, 0o600);
        try {
          writeSync(
            fd,
            `${new Date().toISOString()} statusline: ${redact(String((error as Error)?.stack ?? error))}\n`,
          );
        } finally {
          closeSync(fd);
        }
      }
    } catch {
      // No log either; the line above still says something broke.
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  () => process.exit(0),
);
