// `npm run schemas`: writes docs/json-schema/*.json from the valibot schemas of every --json output
// (scripts/json-schema/render.ts). `--check` writes nothing and exits 1 when a committed file differs.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'docs', 'json-schema');
const tmp = mkdtempSync(join(tmpdir(), 'qb-schemas-'));
try {
  const bundle = join(tmp, 'render.mjs');
  await build({
    entryPoints: [join(root, 'scripts', 'json-schema', 'render.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const { renderJsonSchemas } = await import(pathToFileURL(bundle).href);
  const files = renderJsonSchemas();
  const check = process.argv.includes('--check');
  mkdirSync(outDir, { recursive: true });
  const stale = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(outDir, name);
    let old = null;
    try {
      old = readFileSync(path, 'utf8');
    } catch {}
    if (old === text) continue;
    stale.push(name);
    if (!check) writeFileSync(path, text);
  }
  const extra = readdirSync(outDir).filter((f) => f.endsWith('.json') && !(f in files));
  for (const name of extra) {
    stale.push(name);
    if (!check) rmSync(join(outDir, name));
  }
  if (check && stale.length > 0) {
    console.error(`docs/json-schema is out of date (${stale.join(', ')}). Run: npm run schemas`);
    process.exitCode = 1;
  } else if (!check) {
    console.log(stale.length > 0 ? `Wrote ${stale.join(', ')}` : 'docs/json-schema is up to date.');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
