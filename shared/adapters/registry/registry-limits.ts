/**
 * The registry's resource limits and value rules, before the reader looks at it (docs/contracts.md
 * "Slot registry"): every way a file can fail — too big, nested or aliased past reason (a YAML "billion
 * laughs"), not a mapping, `enabled: no`, a setting out of bounds — is a RegistryError that names the
 * file, line and column, so the broker keeps its last good registry and every surface reports it.
 */
import { type Document, isMap, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import { findRegistryRuleViolation } from '../../domain/registry-rules';
import { RegistryError } from './registry-error';

/** A registry is a few kilobytes; a file past this is not one. */
export const REGISTRY_MAX_BYTES = 256 * 1024;
/** Aliases resolved while reading the value (yaml's own default; a bomb needs far more). */
export const REGISTRY_MAX_ALIASES = 100;

/** What every registry error ends with: what to do, and that nothing is lost meanwhile. */
export const KEEP_LAST_GOOD =
  'Fix the file; the broker keeps using the last good registry and will not overwrite it.';

/** Line counters of the documents parsed here, so a value can be located after the fact. */
const lineCounters = new WeakMap<Document, LineCounter>();

function located(file: string, pos: { line: number; col: number } | null, what: string): RegistryError {
  const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
  return new RegistryError(`${where}: ${what}. ${KEEP_LAST_GOOD}`, pos?.line ?? null, pos?.col ?? null);
}

/**
 * Parses registry text with the size limit; a parser that gives up on the input (nesting deep enough
 * to exhaust the stack) is a RegistryError, never a crash. YAML syntax errors stay in `doc.errors`.
 */
export function parseRegistryYaml(text: string, file: string): Document {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > REGISTRY_MAX_BYTES)
    throw located(
      file,
      null,
      `the slot registry is ${bytes} bytes, more than the ${REGISTRY_MAX_BYTES} allowed`,
    );
  const lineCounter = new LineCounter();
  try {
    const doc = parseDocument(text, { keepSourceTokens: false, lineCounter });
    lineCounters.set(doc, lineCounter);
    return doc;
  } catch (e) {
    throw located(file, null, `the slot registry cannot be parsed (${(e as Error).message})`);
  }
}

/** Line and column of the node at `path` in `doc`, or of the nearest enclosing one. */
export function locateInRegistry(
  doc: Document,
  path: (string | number)[],
): { line: number; col: number } | null {
  const lineCounter = lineCounters.get(doc);
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? null;
  for (const key of path) {
    if (!isMap(node) && !isSeq(node)) break;
    const child = node.get(key, true) as Node | undefined;
    if (!child) break;
    node = child;
    offset = child.range?.[0] ?? offset;
  }
  return lineCounter && offset != null ? lineCounter.linePos(offset) : null;
}

/** Whether `doc` uses aliases at all, and where the first one is. */
function firstAlias(doc: Document): { found: boolean; pos: { line: number; col: number } | null } {
  let found = false;
  let offset: number | null = null;
  visit(doc, {
    Alias(_key, node) {
      found = true;
      offset = node.range?.[0] ?? null;
      return visit.BREAK;
    },
  });
  const lineCounter = lineCounters.get(doc);
  return { found, pos: lineCounter && offset != null ? lineCounter.linePos(offset) : null };
}

/**
 * The registry's value as plain data (an empty mapping for an empty file), within the alias limit and
 * the rules of domain/registry-rules.ts; anything else is a located RegistryError.
 */
export function toRegistryValue(doc: Document, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: REGISTRY_MAX_ALIASES });
  } catch (e) {
    const alias = firstAlias(doc);
    throw located(
      file,
      alias.pos,
      alias.found
        ? `the slot registry expands its YAML aliases (*name) past the limit of ${REGISTRY_MAX_ALIASES}, which only a resource-exhaustion attack needs (${(e as Error).message})`
        : `the slot registry cannot be read (${(e as Error).message})`,
    );
  }
  const violation = findRegistryRuleViolation(value);
  if (violation) throw located(file, locateInRegistry(doc, violation.path), violation.message);
  return (value ?? {}) as Record<string, unknown>;
}
