/**
 * The direction of dependencies (docs/ARCHITECTURE.md), checked on every import of every file:
 *
 *   domain ← ports ← adapters ← engine ← host ← cli, electron        renderer → domain, ipc
 *
 * shared/ never imports Electron, React or the UI; shared/domain does no I/O and reaches into nothing
 * outside itself; the ports (interfaces the engine needs) import only the domain; adapters implement
 * them and never import engine, ipc, host or cli; the engine never imports host, cli or ipc; host never
 * imports cli; electron never imports cli; the renderer imports only shared/domain and shared/ipc.
 * A wrong import fails here with its file and line; the last test plants one to show the check bites.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

interface SourceFile {
  path: string;
  text: string;
}

function filesUnder(dir: string): SourceFile[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}

/** Every module specifier a file imports (static, dynamic, re-export, require), with its line. */
function importsOf(text: string): { spec: string; line: number }[] {
  const found: { spec: string; line: number }[] = [];
  const pattern =
    /(?:^|\s)(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    found.push({ spec, line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

/** A relative specifier as a repo path ("which layer does this reach into"); packages stay as they are. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(ROOT, join(ROOT, file, '..', spec)) : spec;
}

interface Rule {
  name: string;
  /** The files the rule governs (a path prefix). */
  from: string;
  isBad: (to: string) => boolean;
}

/** A package or builtin, not a path inside the repository. */
const isPackage = (to: string) =>
  !/^(shared|electron|renderer|test|scripts)\//.test(to) && !to.startsWith('.');
const layer = (...names: string[]) => new RegExp(`^shared/(${names.join('|')})(/|$)`);
const IO = /^node:(fs|fs\/promises|child_process|http|https|net|os|dgram|dns|tls|worker_threads)$/;
const UI = (to: string) => /^(electron|react|react-dom)(\/|$)/.test(to) || /^(renderer|electron)\//.test(to);

const RULES: Rule[] = [
  { name: 'shared/ never imports Electron, React, the renderer or electron/', from: 'shared/', isBad: UI },
  {
    // The schemas of the file formats are data shapes and live in the domain (shared/domain/schemas):
    // valibot is the one package the domain may use.
    name: 'shared/domain does no I/O, reaches into no other layer, and uses no package but valibot',
    from: 'shared/domain/',
    isBad: (to) =>
      IO.test(to) ||
      layer('ports', 'adapters', 'engine', 'cli', 'host', 'ipc').test(to) ||
      (isPackage(to) && !to.startsWith('node:') && to !== 'valibot'),
  },
  {
    name: 'shared/ports (what the engine needs) import only the domain',
    from: 'shared/ports/',
    isBad: (to) => IO.test(to) || layer('adapters', 'engine', 'cli', 'host', 'ipc').test(to),
  },
  {
    name: 'adapters never import engine, ipc, host or cli',
    from: 'shared/adapters/',
    isBad: (to) => layer('engine', 'ipc', 'host', 'cli').test(to),
  },
  {
    name: 'the engine never imports host, cli or ipc',
    from: 'shared/engine/',
    isBad: (to) => layer('host', 'cli', 'ipc').test(to),
  },
  { name: 'host never imports cli', from: 'shared/host/', isBad: (to) => layer('cli').test(to) },
  {
    name: 'the UI contract (ipc) imports only the domain',
    from: 'shared/ipc/',
    isBad: (to) => to.startsWith('node:') || layer('ports', 'adapters', 'engine', 'cli', 'host').test(to),
  },
  { name: 'electron/ never imports the CLI', from: 'electron/', isBad: (to) => layer('cli').test(to) },
  {
    name: 'the renderer imports only shared/domain and shared/ipc, never node:* or Electron',
    from: 'renderer/',
    isBad: (to) =>
      to.startsWith('node:') ||
      /^electron(\/|$)/.test(to) ||
      layer('ports', 'adapters', 'engine', 'cli', 'host').test(to) ||
      /^electron\//.test(to),
  },
];

function violations(files: SourceFile[], rules: Rule[]): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    for (const file of files.filter((f) => f.path.startsWith(rule.from))) {
      for (const { spec, line } of importsOf(file.text)) {
        if (rule.isBad(target(file.path, spec)))
          out.push(`${rule.name}: ${file.path}:${line} imports ${spec}`);
      }
    }
  }
  return out;
}

const ALL = [...filesUnder('shared'), ...filesUnder('electron'), ...filesUnder('renderer')];

describe('architecture', () => {
  it.each(RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    expect(violations(ALL, [rule])).toEqual([]);
  });

  it('the ports are declared once, in shared/ports, and nowhere else', () => {
    const ports = ['Logger', 'CredentialStore', 'FileSystem', 'FetchLike', 'Notifier'];
    const declared = ALL.flatMap((f) =>
      ports
        .filter((p) => new RegExp(`export (interface|type) ${p}\\b`).test(f.text))
        .map((p) => `${p} in ${f.path}`),
    );
    expect(declared.sort()).toEqual(
      [
        'CredentialStore in shared/ports/credential-store.ts',
        'FetchLike in shared/ports/fetch.ts',
        'FileSystem in shared/ports/file-system.ts',
        'Logger in shared/ports/logger.ts',
        'Notifier in shared/ports/notifier.ts',
      ].sort(),
    );
  });

  it('finds imports at all (the check cannot pass by reading nothing)', () => {
    const cycle = ALL.find((f) => f.path === 'shared/engine/cycle.ts');
    expect(importsOf(cycle?.text ?? '').map((i) => i.spec)).toContain('../adapters/cache-store');
    expect(ALL.filter((f) => f.path.startsWith('shared/domain/')).length).toBeGreaterThan(20);
  });

  it('the domain may use valibot (its schemas) and its own files', () => {
    const text = "import * as v from 'valibot';\nimport type { CacheFile } from '../types';";
    expect(violations([{ path: 'shared/domain/schemas/planted.ts', text }], RULES)).toEqual([]);
  });

  it.each([
    ['shared/adapters/planted.ts', "import { runCycle } from '../engine/cycle';", 'adapters never import'],
    [
      'shared/adapters/planted.ts',
      "import type { QuotaApi } from '../ipc/contract';",
      'adapters never import',
    ],
    ['shared/engine/planted.ts', "import { createQuotaHost } from '../host/quota-host';", 'the engine never'],
    ['shared/host/planted.ts', "import { main } from '../cli/main';", 'host never imports cli'],
    [
      'electron/planted.ts',
      "import { doctorCommand } from '../shared/cli/commands/doctor/command';",
      'electron/',
    ],
    ['shared/domain/planted.ts', "import { readFile } from 'node:fs/promises';", 'shared/domain does no I/O'],
    ['shared/domain/planted.ts', "import { parseDocument } from 'yaml';", 'no package but valibot'],
    ['shared/ports/planted.ts', "import type { EngineDeps } from '../engine/deps';", 'shared/ports'],
    ['renderer/planted.ts', "import { getBrokerPaths } from '../shared/adapters/paths';", 'the renderer'],
    ['shared/ipc/planted.ts', "import type { EngineDeps } from '../engine/deps';", 'the UI contract'],
  ])('a planted violation in %s is caught', (path, text, rule) => {
    const found = violations([{ path, text }], RULES);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(rule);
    expect(found[0]).toContain(`${path}:1`);
  });
});
