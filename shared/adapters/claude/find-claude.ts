import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { runChild } from './run-child';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidates(dir: string, name: string, env: NodeJS.ProcessEnv): string[] {
  const base = join(dir, name);
  if (process.platform !== 'win32') return [base];
  const exts = (env.PATHEXT || '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean);
  return [base, ...exts.map((ext) => base + ext.toLowerCase()), ...exts.map((ext) => base + ext)];
}

/**
 * Resolves the `claude` executable without a shell: `QUOTA_BROKER_CLAUDE` (a path, or a command name
 * looked up on PATH) when set, else `claude` on `env.PATH`.
 *
 * @returns the absolute path of an existing executable file, or null when none is found.
 */
export function findClaude(env: NodeJS.ProcessEnv = process.env): string | null {
  const wanted = env.QUOTA_BROKER_CLAUDE?.trim() || 'claude';
  if (wanted.includes('/') || (process.platform === 'win32' && wanted.includes('\\'))) {
    const path = isAbsolute(wanted) ? wanted : resolve(wanted);
    return isExecutableFile(path) ? path : null;
  }
  for (const dir of (env.PATH || '').split(delimiter)) {
    if (!dir) continue;
    for (const file of candidates(dir, wanted, env)) {
      if (isExecutableFile(file)) return isAbsolute(file) ? file : resolve(file);
    }
  }
  return null;
}

/** Extracts `2.1.332` from `claude --version` output such as `2.1.332 (Claude Code)`. */
export function parseClaudeVersion(output: string): string | null {
  const match = /\b(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)\b/.exec(output);
  return match ? match[1] : null;
}

/**
 * Runs `claude --version` (no shell, short timeout) and returns the version, or null when the
 * executable fails, times out or prints something unrecognisable.
 */
export async function claudeVersion(
  bin: string,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string | null> {
  const result = await runChild(bin, ['--version'], {
    env: options.env ?? process.env,
    timeoutMs: options.timeoutMs ?? 5000,
    killGraceMs: 500,
  });
  if (result.spawnError || result.timedOut || result.exitCode !== 0) return null;
  return parseClaudeVersion(result.stdout);
}
