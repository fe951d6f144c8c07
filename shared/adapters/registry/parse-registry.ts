/**
 * Reads `claude-sessions.yaml` (docs/schemas.md) into a typed registry: the yaml Document API parses the
 * text within the registry's resource limits (registry-limits.ts: size, nesting, aliases, value rules),
 * the registry schema (domain/schemas/registry.ts) checks the value, and every error names the file, the
 * line and the column of the value it is about. Pure apart from the YAML library.
 */
import type { Document } from 'yaml';
import { readRegistryValue } from '../../domain/schemas/registry';
import type { Registry } from '../../domain/types';
import { RegistryError } from './registry-error';
import { KEEP_LAST_GOOD, locateInRegistry, parseRegistryYaml, toRegistryValue } from './registry-limits';

export { DEFAULT_CONFIG_DIR, SLOT_ID_PATTERN } from '../../domain/schemas/registry';
export { RegistryError };

/** Parses YAML text into a Document, throwing a RegistryError that names line and column. */
export function parseRegistryDocument(text: string, file: string): Document {
  const doc = parseRegistryYaml(text, file);
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    const reason = first.message.split('\n')[0];
    throw new RegistryError(
      `${where}: the slot registry is not valid YAML (${reason}). ${KEEP_LAST_GOOD}`,
      pos?.line ?? null,
      pos?.col ?? null,
    );
  }
  return doc;
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
  const read = readRegistryValue(toRegistryValue(doc, file));
  if (read.ok) return { registry: read.registry, warnings: read.warnings };
  const pos = locateInRegistry(doc, read.path);
  const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
  throw new RegistryError(
    `${where}: ${read.message}. ${KEEP_LAST_GOOD}`,
    pos?.line ?? null,
    pos?.col ?? null,
  );
}
