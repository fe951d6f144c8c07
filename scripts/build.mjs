// Bundles the CLI (and the statusline fast path) with esbuild into dist/.
// Runs on `npm install` (prepare) so the `quota-broker` bin works from a fresh clone.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // keytar is a native module and optional; electron is never bundled into the CLI.
  external: ['keytar', 'electron'],
};

const entries = [
  // The statusline runs on every Claude Code update: its bundle imports almost nothing.
  { in: 'shared/cli/statusline/entry.ts', out: 'dist/statusline.cjs', minify: true },
  // --install/--uninstall/--help, loaded by the statusline only when asked for.
  { in: 'shared/cli/statusline/command.ts', out: 'dist/statusline-options.cjs' },
  // The registry reader (YAML), loaded by the statusline only for an old writer's cache without config dirs.
  { in: 'shared/cli/statusline/registry-slots.ts', out: 'dist/statusline-registry.cjs', minify: true },
  // Whitespace and syntax minified, names kept (readable stack traces in broker.log): without comments the
  // bundle is ASCII, so V8 holds its source as one-byte strings — the daemon's peak memory −4 MB
  // (docs/BENCHMARKS.md "Memory of the daemon").
  { in: 'shared/cli/entry.ts', out: 'dist/cli.cjs', minify: 'keep-names' },
  // What bin/quota-broker.cjs runs for every other command: dist/cli.cjs with a V8 code cache.
  { in: 'shared/cli/code-cache/entry.ts', out: 'dist/cli-launch.cjs', minify: true },
];

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  const minify =
    e.minify === 'keep-names'
      ? { minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: false }
      : { minify: Boolean(e.minify) };
  await build({ ...common, entryPoints: [e.in], outfile: e.out, ...minify });
}

// The renderer (React): dist/renderer, loaded by the Electron popover and served by `quota-broker serve`.
if (!process.argv.includes('--cli-only')) {
  // What ships is React's production build, whoever runs this (vitest sets NODE_ENV=test).
  process.env.NODE_ENV = 'production';
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    configFile: new URL('../vite.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
    mode: 'production',
  });
}
