/** Temp state dirs, a recording logger and recording stand-ins for the platform notifiers. */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Logger } from '../../../shared/ports/logger';

export interface LogLine {
  level: 'info' | 'warn' | 'error' | 'debug';
  message: string;
  fields?: Record<string, unknown>;
}

export function createRecordingLogger(): Logger & { lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return {
    lines,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
    text: () => lines.map((l) => `${l.level} ${l.message}`).join('\n'),
  };
}

export interface TempHome {
  dir: string;
  paths: { alertState: string };
  /** PATH with a bin dir of stand-ins first. */
  env: NodeJS.ProcessEnv;
  binDir: string;
  cleanup(): Promise<void>;
}

export async function createTempHome(): Promise<TempHome> {
  const dir = await mkdtemp(join(tmpdir(), 'qb-alerts-'));
  const binDir = join(dir, 'bin');
  await mkdir(binDir);
  return {
    dir,
    binDir,
    paths: { alertState: join(dir, 'state', 'alert-state.json') },
    env: {
      PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
      HOME: dir,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Installs a stand-in for `name` (notify-send, osascript) in `binDir` that appends its argv as one
 * JSON line to `<binDir>/<name>.calls`, and optionally exits with `exitCode`.
 */
export async function installRecorder(
  binDir: string,
  name: string,
  exitCode = 0,
): Promise<() => Promise<string[][]>> {
  const script = join(binDir, name);
  const calls = join(binDir, `${name}.calls`);
  await writeFile(
    script,
    `#!${process.execPath}\n` +
      `require('node:fs').appendFileSync(${JSON.stringify(calls)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n` +
      `if (${exitCode}) { process.stderr.write('no session bus\\n'); process.exit(${exitCode}); }\n`,
  );
  await chmod(script, 0o755);
  return async () => {
    try {
      const text = await readFile(calls, 'utf8');
      return text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as string[]);
    } catch {
      return [];
    }
  };
}
