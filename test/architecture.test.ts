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

/**
 * Every writer of the state dir goes through the FileSystem port (shared/ports/file-system.ts), so a
 * failing disk can be simulated for all of them and a write rule is a change in one place: outside
 * shared/adapters/fs/ (the port's implementation), no file in shared/ or electron/ imports a node:fs
 * API that writes, or a package that writes files, except those listed here with the reason.
 */
const FS_MODULE = /^(node:)?fs(\/promises)?$/;
const FS_WRITE_API = new Set(
  [
    'appendFile chmod chown copyFile cp createWriteStream fchmod fchown fdatasync fsync ftruncate futimes',
    'lchmod lchown link lutimes mkdir mkdtemp open opendir promises rename rm rmdir symlink truncate',
    'unlink utimes write writeFile writev',
  ]
    .join(' ')
    .split(' ')
    .flatMap((name) => [name, `${name}Sync`]),
);
/** Packages that write files themselves. */
const WRITING_PACKAGES = /^(proper-lockfile|graceful-fs|write-file-atomic|electron-log)(\/|$)/;

interface FsAllowance {
  path: string;
  names: string[];
  why: string;
}

const FS_WRITE_ALLOWED: FsAllowance[] = [
  {
    path: 'shared/adapters/credentials/refresh-journal.ts',
    names: ['openSync', 'writeSync', 'fsyncSync', 'renameSync', 'rmSync'],
    why: "the refresh journal lives in Claude Code's config dir, and is written synchronously so nothing runs between the token answer and the journal (docs/RELIABILITY.md)",
  },
  {
    path: 'shared/adapters/service/installer.ts',
    names: ['mkdir', 'rm'],
    why: 'the service installer writes and removes the systemd/launchd file, outside the state dir',
  },
  {
    path: 'shared/cli/statusline/refresh-trigger.ts',
    names: ['mkdirSync', 'openSync', 'writeSync', 'unlinkSync'],
    why: "the statusline's hot path: the refresh marker is one O_EXCL claim, and the detached refresh's output needs a raw log descriptor",
  },
  {
    path: 'shared/cli/statusline/entry.ts',
    names: ['openSync', 'writeSync'],
    why: "the statusline's hot path: its line on stdout, and a last-resort error line (O_NOFOLLOW) when everything else broke",
  },
  { path: 'shared/cli/statusline/command.ts', names: ['writeSync'], why: 'writes to stdout and stderr' },
  {
    path: 'shared/cli/code-cache/load-cli.ts',
    names: ['mkdirSync', 'openSync', 'writeSync', 'renameSync', 'unlinkSync'],
    why: "the CLI bundle's V8 code cache, in the user's cache dir (not the state dir), written before the engine or its FileSystem port is loaded and synchronously at exit",
  },
  {
    path: 'shared/cli/statusline/install.ts',
    names: ['unlink'],
    why: "removes its own backup of Claude Code's settings.json, outside the state dir",
  },
  {
    path: 'electron/start/installer.ts',
    names: ['mkdtempSync', 'rmSync'],
    why: "npm start's Electron installer: a scratch dir for Electron's own install script, outside the state dir",
  },
  {
    path: 'shared/adapters/claude-locks.ts',
    names: ['proper-lockfile'],
    why: "Claude Code's own lock protocol in its config dirs (docs/claude-code.md: the same package and options)",
  },
  {
    path: 'shared/adapters/broker-lock.ts',
    names: ['proper-lockfile'],
    why: 'the broker lock is a lock directory proper-lockfile creates and refreshes; broker.json goes through the port',
  },
  {
    path: 'shared/adapters/alerts/alert-state-store.ts',
    names: ['proper-lockfile'],
    why: 'the alert-state lock is a lock directory; the state file goes through the port',
  },
  { path: 'electron/main.ts', names: ['electron-log'], why: "the app's own log, in the platform's log dir" },
];

/** The write-capable names a file imports from node:fs or a writing package, with their lines. */
function fsWritesOf(text: string): { name: string; spec: string; line: number }[] {
  const out: { name: string; spec: string; line: number }[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const named =
    /import\s+(?:type\s+)?(?:(\w+)\s*,\s*)?(?:\{([^}]*)\}|\*\s+as\s+\w+|(\w+))\s+from\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(named)) {
    const [, defaultName, braces, bareDefault, spec] = m;
    const line = lineOf(m.index);
    if (WRITING_PACKAGES.test(spec)) {
      out.push({ name: spec.split('/')[0], spec, line });
      continue;
    }
    if (!FS_MODULE.test(spec)) continue;
    if (m[0].includes('import type')) continue;
    if (defaultName || bareDefault || !braces) {
      out.push({ name: '*', spec, line }); // the whole module: every write API
      continue;
    }
    for (const part of braces.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0];
      if (FS_WRITE_API.has(name)) out.push({ name, spec, line });
    }
  }
  for (const m of text.matchAll(/(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    if (FS_MODULE.test(m[1]) || WRITING_PACKAGES.test(m[1]))
      out.push({ name: '*', spec: m[1], line: lineOf(m.index) });
  }
  return out;
}

function fsWriteViolations(files: SourceFile[], allowed: FsAllowance[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (file.path.startsWith('shared/adapters/fs/')) continue;
    if (!file.path.startsWith('shared/') && !file.path.startsWith('electron/')) continue;
    const allowance = allowed.find((a) => a.path === file.path);
    for (const { name, spec, line } of fsWritesOf(file.text)) {
      if (allowance?.names.includes(name)) continue;
      out.push(
        `state-dir writes go through the FileSystem port: ${file.path}:${line} imports ${name} from ${spec}`,
      );
    }
  }
  return out;
}

describe('architecture: writes', () => {
  it('every writer of the state dir goes through the FileSystem port (shared/adapters/fs/)', () => {
    expect(fsWriteViolations(ALL, FS_WRITE_ALLOWED)).toEqual([]);
  });

  it('every allowance is still needed and gives its reason', () => {
    for (const a of FS_WRITE_ALLOWED) {
      const file = ALL.find((f) => f.path === a.path);
      const used = new Set(fsWritesOf(file?.text ?? '').map((w) => w.name));
      expect({ path: a.path, unused: a.names.filter((n) => !used.has(n)) }).toEqual({
        path: a.path,
        unused: [],
      });
      expect(a.why.length).toBeGreaterThan(20);
    }
  });

  it.each([
    ['shared/adapters/planted.ts', "import { writeFile } from 'node:fs/promises';", 'writeFile'],
    ['shared/adapters/planted.ts', "import * as fs from 'node:fs';", '*'],
    [
      'shared/engine/planted.ts',
      "import { readFileSync, appendFileSync as add } from 'fs';",
      'appendFileSync',
    ],
    ['shared/host/planted.ts', "const { rmSync } = require('node:fs');", '*'],
    ['shared/adapters/planted.ts', "import lockfile from 'proper-lockfile';", 'proper-lockfile'],
    ['electron/planted.ts', "import { promises } from 'node:fs';", 'promises'],
    // An allowed file may not pick up another write API unnoticed.
    [
      'shared/cli/statusline/refresh-trigger.ts',
      "import { renameSync, statSync } from 'node:fs';",
      'renameSync',
    ],
  ])('a planted write in %s is caught (%s)', (path, text, name) => {
    const found = fsWriteViolations([{ path, text }], FS_WRITE_ALLOWED);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${path}:1 imports ${name} from`);
  });

  it('reading is not writing, and the port itself may write', () => {
    const reads = "import { readFileSync, statSync, existsSync, constants } from 'node:fs';";
    expect(fsWriteViolations([{ path: 'shared/adapters/planted.ts', text: reads }], [])).toEqual([]);
    const port = "import * as fs from 'node:fs';";
    expect(fsWriteViolations([{ path: 'shared/adapters/fs/planted.ts', text: port }], [])).toEqual([]);
  });
});

/**
 * The slot planner (shared/engine/plan/) is pure: it imports values only from shared/domain and from
 * itself; anything else it names is a type (`import type`), so it can do no I/O.
 */
function plannerViolations(files: SourceFile[]): string[] {
  const out: string[] = [];
  for (const file of files.filter((f) => f.path.startsWith('shared/engine/plan/'))) {
    const lineOf = (index: number) => file.text.slice(0, index).split('\n').length;
    for (const m of file.text.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]/gm)) {
      const to = target(file.path, m[3]);
      const pure = /^shared\/(domain|engine\/plan)(\/|$)/.test(to);
      if (!pure && !m[2])
        out.push(`the planner is pure: ${file.path}:${lineOf(m.index)} imports values from ${m[3]}`);
    }
    for (const m of file.text.matchAll(/(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g))
      out.push(`the planner is pure: ${file.path}:${lineOf(m.index)} loads ${m[1]}`);
  }
  return out;
}

describe('architecture: the refresh planner', () => {
  it('imports values only from shared/domain and itself', () => {
    expect(ALL.filter((f) => f.path.startsWith('shared/engine/plan/')).length).toBeGreaterThan(3);
    expect(plannerViolations(ALL)).toEqual([]);
  });

  it.each([
    "import { readCredentials } from '../../adapters/credentials/credentials';",
    "import { fetchUsage } from '../../adapters/http/usage-client';",
    "const fs = await import('node:fs');",
  ])('a planted impure import is caught: %s', (text) => {
    const found = plannerViolations([{ path: 'shared/engine/plan/planted.ts', text }]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('shared/engine/plan/planted.ts:1');
  });

  it('type-only imports from other layers are fine', () => {
    const text = "import type { UsageResult } from '../../adapters/http/types';";
    expect(plannerViolations([{ path: 'shared/engine/plan/planted.ts', text }])).toEqual([]);
  });
});
