/**
 * Adding a health state, tried: the compiler (TypeScript's API, in memory — no file is changed) is given
 * SlotHealth with one more member, and the places it reports are exactly the places that must decide what
 * the new state means: the one slot-state function and the words each surface shows for a health.
 * docs/ARCHITECTURE.md lists the same places.
 */
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** Where SlotHealth's members are listed (the type, the cache schema and its fast reader all take them). */
const TYPES = join(ROOT, 'shared', 'domain', 'schemas', 'words.ts');

/** The files with type errors when SlotHealth gains `'quarantined'`, for one tsconfig's product files. */
function placesToHandle(tsconfig: string, under: string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${tsconfig}`);
  const roots = config.fileNames.filter(
    (f) => f.endsWith('.d.ts') || under.some((dir) => relative(ROOT, f).startsWith(dir)),
  );
  const host = ts.createCompilerHost(config.options);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => {
    if (file !== TYPES) return original(file, language, onError, create);
    const text = ts.sys.readFile(file) ?? '';
    const patched = text.replace(
      "  'disabled',\n] as const;",
      "  'disabled',\n  'quarantined',\n] as const;",
    );
    if (patched === text) throw new Error('SLOT_HEALTHS no longer ends with `disabled`: update this test');
    return ts.createSourceFile(file, patched, language);
  };
  const program = ts.createProgram({ rootNames: roots, options: { ...config.options, noEmit: true }, host });
  const files = ts
    .getPreEmitDiagnostics(program)
    .flatMap((d) => (d.file ? [relative(ROOT, d.file.fileName)] : []));
  return [...new Set(files)].sort();
}

describe('a new health state', () => {
  it('the compiler lists every place that must handle it, and only those', () => {
    const node = placesToHandle('tsconfig.json', ['shared/', 'electron/']);
    const web = placesToHandle('tsconfig.web.json', ['renderer/']);
    expect([...new Set([...node, ...web])].sort()).toEqual([
      'renderer/format/slot-text.ts', // the badge words for each health
      'shared/domain/slot-state.ts', // what the health means, for every surface
    ]);
  }, 120_000);
});
