/**
 * Reads `claude-sessions.yaml` (product.md §2) into a typed registry. Pure apart from the YAML library:
 * text in, registry or a located error out.
 */
import type { Document } from 'yaml';
import { SLOT_ID_PATTERN, SLOT_ID_RULE } from '../../domain/slot-id';
import { type BrokerSettings, DEFAULT_SETTINGS, type Registry, type SlotConfig } from '../../domain/types';

/** The default account's config dir as written in the registry. */
export const DEFAULT_CONFIG_DIR = '~/.claude';

import { RegistryError } from './registry-error';
import { parseRegistryYaml, toRegistryValue } from './registry-limits';

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
      `${where}: the slot registry is not valid YAML (${reason}). Fix the file; the broker keeps using the last good registry and will not overwrite it.`,
      pos?.line ?? null,
      pos?.col ?? null,
    );
  }
  return doc;
}

function invalid(file: string, what: string): RegistryError {
  return new RegistryError(`${file}: ${what}. Fix the file; the broker will not overwrite it.`);
}

function readSlot(raw: unknown, index: number, file: string): SlotConfig {
  if (!raw || typeof raw !== 'object') throw invalid(file, `accounts[${index}] is not a mapping`);
  const r = raw as Record<string, unknown>;
  const id = r.id;
  if (typeof id !== 'string' || !SLOT_ID_PATTERN.test(id)) {
    throw invalid(
      file,
      `accounts[${index}].id must match ${SLOT_ID_RULE} (got ${JSON.stringify(id ?? null)})`,
    );
  }
  const isDefault = r.default === true;
  if (r.default != null && typeof r.default !== 'boolean')
    throw invalid(file, `slot ${id}: default must be true or false`);
  if (isDefault && r.config_dir == null) r.config_dir = DEFAULT_CONFIG_DIR;
  if (typeof r.config_dir !== 'string' || r.config_dir.length === 0) {
    throw invalid(file, `slot ${id} has no config_dir`);
  }
  if (r.status != null && r.status !== 'active' && r.status !== 'inactive') {
    throw invalid(file, `slot ${id}: status must be active or inactive`);
  }
  return {
    id,
    config_dir: r.config_dir.normalize('NFC'),
    email: typeof r.email === 'string' && r.email ? r.email : undefined,
    label: typeof r.label === 'string' && r.label ? r.label : undefined,
    status: r.status === 'inactive' ? 'inactive' : 'active',
    enabled: r.enabled !== false,
    ...(isDefault ? { default: true } : {}),
  };
}

function readSettings(raw: unknown, file: string): BrokerSettings {
  if (raw == null) return { ...DEFAULT_SETTINGS };
  if (typeof raw !== 'object') throw invalid(file, 'settings must be a mapping');
  const merged = { ...DEFAULT_SETTINGS, ...(raw as Record<string, unknown>) } as BrokerSettings;
  for (const key of [
    'refresh_interval_s',
    'stale_threshold_s',
    'request_timeout_s',
    'token_timeout_s',
    'max_calls_per_hour',
    'observation_fresh_s',
  ] as const) {
    const v = merged[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw invalid(file, `settings.${key} must be a positive number`);
    }
  }
  if (merged.refresh_interval_s < 60) throw invalid(file, 'settings.refresh_interval_s must be at least 60');
  if (merged.token_timeout_s > 55) {
    throw invalid(
      file,
      "settings.token_timeout_s must stay under 55 (Claude Code's refresh locks go stale at 60 s)",
    );
  }
  if (!['auto', 'delegate', 'locked', 'never'].includes(String(merged.token_refresh))) {
    throw invalid(file, 'settings.token_refresh must be delegate, locked or never');
  }
  return merged;
}

/** Validates a parsed registry document. Duplicate ids and missing fields are errors, not guesses. */
export function readRegistry(doc: Document, file: string): Registry {
  // Size, alias and nesting limits, a mapping at the top, booleans and bounds (registry-limits.ts).
  const data = toRegistryValue(doc, file);
  const accounts = data.accounts ?? [];
  if (!Array.isArray(accounts)) throw invalid(file, 'accounts must be a list');
  const slots = accounts.map((a, i) => readSlot(a, i, file));
  const seen = new Set<string>();
  for (const s of slots) {
    if (seen.has(s.id)) throw invalid(file, `slot id ${s.id} appears twice`);
    seen.add(s.id);
  }
  return { slots, settings: readSettings(data.settings, file) };
}
