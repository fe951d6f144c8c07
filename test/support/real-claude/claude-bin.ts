import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pinned from '../../../scripts/test/claude-code.json';

/**
 * The pinned CLI that `npm test` fetches into the checkout (scripts/test/claude-code.json): it is not
 * a devDependency, so `npm install` never downloads its ~400 MB.
 */
export const REPO_CLAUDE = join(
  fileURLToPath(new URL('../../..', import.meta.url)),
  pinned.cacheDir,
  'node_modules',
  '.bin',
  'claude',
);

/**
 * The real Claude Code CLI for these tests: `QB_REAL_CLAUDE` when set, else the pinned copy.
 * Throws a clear error (so tests fail, never skip) when it is missing or does not run.
 *
 * @returns the path and its version.
 */
export function requireRealClaude(): { bin: string; version: string } {
  const bin = process.env.QB_REAL_CLAUDE || REPO_CLAUDE;
  if (!existsSync(bin)) {
    throw new Error(
      `The real Claude Code CLI is not installed at ${bin}: run \`npm test\` (it fetches ` +
        `${pinned.package}@${pinned.version}) or \`node scripts/test/prerequisites.mjs --fetch-claude-code\`, ` +
        'or set QB_REAL_CLAUDE to a claude binary.',
    );
  }
  let out: string;
  try {
    out = execFileSync(bin, ['--version'], {
      encoding: 'utf8',
      timeout: 20_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw new Error(
      `The real Claude Code CLI at ${bin} does not run (\`claude --version\` failed): ${String(err)}`,
    );
  }
  const version = /(\d+\.\d+\.\d+)/.exec(out)?.[1];
  if (!version) throw new Error(`Unrecognised \`claude --version\` output from ${bin}: ${out.trim()}`);
  return { bin, version };
}

/** A minimal environment for the real CLI: nothing from this machine's Claude/proxy settings leaks in. */
export function realClaudeEnv(
  home: string,
  extra: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    DISABLE_AUTOUPDATER: '1',
  };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}
