/**
 * Reads `claude-sessions.yaml` (docs/schemas.md) into a typed registry: the yaml Document API parses the
 * text, the registry schema (domain/schemas/registry.ts) checks the value, and every error names the
 * file, the line and the column of the value it is about. Pure apart from the YAML library.
 */
import { type Document, isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { readRegistryValue } from '../../domain/schemas/registry';
import type { Registry } from '../../domain/types';

export { DEFAULT_CONFIG_DIR, SLOT_ID_PATTERN } from '../../domain/schemas/registry';

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly col: number | null = null,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Line counters of the documents parsed here, so a bad value can be located after the fact. */
const lineCounters = new WeakMap<Document, LineCounter>();

/** Parses YAML text into a Document, throwing a RegistryError that names line and column. */
export function parseRegistryDocument(text: string, file: string): Document {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { keepSourceTokens: false, lineCounter });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    const reason = first.message.split('\n')[0];
    throw new RegistryError(
      `${where}: the slot registry is not valid YAML (${reason}). Fix the file; the broker keeps using the last good registry and will not overwrite it.`,
      pos?.line ?? null,
      pos?.col ?? null,
    );
  }
  lineCounters.set(doc, lineCounter);
  return doc;
}

/** Line and column of the value at `path`, or of the nearest enclosing node that exists. */
function locate(doc: Document, path: (string | number)[]): { line: number; col: number } | null {
  const lineCounter = lineCounters.get(doc);
  if (!lineCounter) return null;
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? null;
  for (const key of path) {
    if (!isMap(node) && !isSeq(node)) break;
    const child = node.get(key, true) as Node | undefined;
    // Nodes an edit created have no range: keep the enclosing one's.
    if (!child) break;
    node = child;
    offset = child.range?.[0] ?? offset;
  }
  return offset == null ? null : lineCounter.linePos(offset);
}

/** Validates a parsed registry document. Duplicate ids and missing fields are errors, not guesses. */
export function readRegistry(doc: Document, file: string): Registry {
  return readRegistryWithWarnings(doc, file).registry;
}

/**
 * {@link readRegistry}, plus one sentence per value the broker ignores and replaces by its default (bad
 * values inside `settings.alerts`), for the log.
 */
export function readRegistryWithWarnings(
  doc: Document,
  file: string,
): { registry: Registry; warnings: string[] } {
  const read = readRegistryValue(doc.toJS());
  if (read.ok) return { registry: read.registry, warnings: read.warnings };
  const pos = locate(doc, read.path);
  const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
  throw new RegistryError(
    `${where}: ${read.message}. Fix the file; the broker will not overwrite it.`,
    pos?.line ?? null,
    pos?.col ?? null,
  );
}
