/**
 * The statuslines Quota Broker's `--segment` goes inside (docs/statusline.md "Segments"): ccstatusline,
 * pinned and fetched by `npm test` like the CLI (scripts/test/ccstatusline.json), and a stand-in for
 * claude-powerline, which the npm registry reachable here does not serve (`npm view
 * @owloops/claude-powerline` answers 404): it does what its entry point does — reads Claude Code's JSON
 * from stdin to the end and prints its line with console.log — so the shell composition its README
 * documents runs exactly as Claude Code would run it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pinned from '../../../scripts/test/ccstatusline.json';

export const REPO_CCSTATUSLINE = join(
  fileURLToPath(new URL('../../..', import.meta.url)),
  pinned.cacheDir,
  'node_modules',
  'ccstatusline',
  'dist',
  'ccstatusline.js',
);

/** The pinned ccstatusline script; throws (the tests fail, never skip) when it has not been fetched. */
export function requireCcstatusline(): string {
  if (!existsSync(REPO_CCSTATUSLINE)) {
    throw new Error(
      `ccstatusline is not installed at ${REPO_CCSTATUSLINE}: run \`npm test\` (it fetches ` +
        `${pinned.package}@${pinned.version}) or \`node scripts/test/prerequisites.mjs --fetch-ccstatusline\`.`,
    );
  }
  return REPO_CCSTATUSLINE;
}

/**
 * Writes the claude-powerline stand-in into `dir` and returns its path: it reads the whole stdin as JSON
 * (as `json(process.stdin)` does) and prints `POWERLINE <model> <dir basename>` with a trailing newline.
 */
export function writePowerlineStandIn(dir: string): string {
  const path = join(dir, 'claude-powerline-stand-in.mjs');
  writeFileSync(
    path,
    `import { json } from 'node:stream/consumers';
const data = await json(process.stdin);
const dir = (data.workspace?.current_dir ?? data.cwd ?? '').split('/').pop();
console.log(\`POWERLINE \${data.model?.display_name ?? '?'} \${dir}\`);
`,
  );
  return path;
}
