/**
 * The direction of dependencies (house style): shared/ never imports Electron, React or the UI;
 * shared/domain does no I/O and imports nothing from adapters/engine/cli/host; the renderer imports only
 * shared/domain and shared/ipc, never node:* or Electron. A wrong import fails here with its file and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Every module specifier a file imports (static, dynamic, re-export, require), with its line. */
function importsOf(file: string): { spec: string; line: number }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: { spec: string; line: number }[] = [];
  const pattern =
    /(?:^|\s)(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    found.push({ spec, line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

/** Resolves a relative specifier to a repo path prefix (for "which layer does this reach into"). */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(ROOT, join(ROOT, file, '..', spec)) : spec;
}

function violations(dir: string, isBad: (to: string) => boolean): string[] {
  return filesUnder(dir).flatMap((file) =>
    importsOf(file)
      .filter(({ spec }) => isBad(target(file, spec)))
      .map(({ spec, line }) => `${file}:${line} imports ${spec}`),
  );
}

describe('architecture', () => {
  it('shared/ never imports Electron, React, the renderer or electron/', () => {
    expect(
      violations(
        'shared',
        (to) => /^(electron|react|react-dom)(\/|$)/.test(to) || /^(renderer|electron)\//.test(to),
      ),
    ).toEqual([]);
  });

  it('shared/domain does no I/O and reaches into no outer layer', () => {
    const io = /^node:(fs|fs\/promises|child_process|http|https|net|os|dgram|dns|tls|worker_threads)$/;
    const outer = /^shared\/(adapters|engine|cli|host)(\/|$)/;
    expect(
      violations(
        'shared/domain',
        (to) => io.test(to) || outer.test(to) || /^(yaml|proper-lockfile|electron-log|keytar)/.test(to),
      ),
    ).toEqual([]);
  });

  it('the renderer imports only shared/domain and shared/ipc, never node:* or Electron', () => {
    const bad = (to: string) =>
      to.startsWith('node:') ||
      /^electron(\/|$)/.test(to) ||
      /^(shared\/(adapters|engine|cli|host)|electron)(\/|$)/.test(to);
    expect(violations('renderer', bad)).toEqual([]);
  });

  it('finds imports at all (the check cannot pass by reading nothing)', () => {
    expect(importsOf('shared/engine/cycle.ts').map((i) => i.spec)).toContain('../adapters/cache-store');
    expect(filesUnder('shared/domain').length).toBeGreaterThan(20);
  });
});
