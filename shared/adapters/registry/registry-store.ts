/**
 * Loads and edits the slot registry file. Edits go through the yaml Document API so comments and order
 * survive and only the keys the broker owns change; a file that does not parse is never written.
 */
import { type Document, isMap, isSeq, type YAMLMap } from 'yaml';
import { redactUnknown } from '../../domain/redact';
import type { Registry, SlotConfig, SlotStatus } from '../../domain/types';
import type { FileSystem } from '../../ports/file-system';
import { readTextIfExists, writeFileAtomic } from '../fs/atomic-write';
import { createParsedFileMemo, type ReadOptions } from '../fs/parsed-file-memo';
import {
  parseRegistryDocument,
  RegistryError,
  readRegistry,
  readRegistryWithWarnings,
} from './parse-registry';

export type RegistryLoad =
  | { state: 'absent' }
  /** `warnings`: values the broker ignores and replaces by their default (bad `settings.alerts` keys). */
  | { state: 'ok'; registry: Registry; warnings: string[] }
  | { state: 'error'; error: RegistryError };

/** Parses registry text into a load (ok or a located error); never throws. */
function parseRegistryLoad(text: string, file: string): Exclude<RegistryLoad, { state: 'absent' }> {
  try {
    return { state: 'ok', ...readRegistryWithWarnings(parseRegistryDocument(text, file), file) };
  } catch (e) {
    if (e instanceof RegistryError) return { state: 'error', error: e };
    // Whatever else a hostile file makes the parser throw is still a registry error, never a crash.
    return {
      state: 'error',
      error: new RegistryError(
        `${file}: the slot registry cannot be read (${redactUnknown(e)}). Fix the file; the broker keeps using the last good registry and will not overwrite it.`,
      ),
    };
  }
}

/**
 * One parse per change of the file for the whole process: the engine's cycles, the host's snapshots and
 * `/api/state` all read through it (parsed-file-memo.ts). Each caller gets its own copy of the registry.
 */
const registryMemo = createParsedFileMemo<Exclude<RegistryLoad, { state: 'absent' }>>({
  parse: parseRegistryLoad,
  copy: (load) =>
    load.state === 'ok'
      ? { state: 'ok', registry: structuredClone(load.registry), warnings: [...load.warnings] }
      : load,
});

/**
 * Reads and validates the registry file; errors are values (the caller keeps its last good registry).
 * The file is parsed again only when it changed since the last read in this process. With `frozen`, the
 * registry is the process's shared, deep-frozen one (for a reader that never changes it), not a copy.
 */
export async function loadRegistry(file: string, options?: ReadOptions): Promise<RegistryLoad> {
  try {
    return (await registryMemo.load(file, options)) ?? { state: 'absent' };
  } catch (e) {
    return {
      state: 'error',
      error: new RegistryError(`${file}: cannot read the slot registry (${(e as Error).message}).`),
    };
  }
}

const NEW_FILE_HEADER = `# Quota Broker slot registry: one entry per Claude Code config dir (account).
# The broker writes only "status" (and entries you add with "quota-broker slots add").
`;

/**
 * Applies `edit` to the registry document and writes it back atomically through `fs`. The file is
 * re-read right before the edit so a person's concurrent change is not lost; an unparseable file throws
 * and stays untouched.
 */
export async function editRegistry(
  file: string,
  edit: (doc: Document) => void,
  fs: FileSystem,
): Promise<Registry> {
  const text = await readTextIfExists(file);
  const doc = parseRegistryDocument(text ?? `${NEW_FILE_HEADER}accounts: []\n`, file);
  readRegistry(doc, file); // refuse to edit an invalid registry
  edit(doc);
  const registry = readRegistry(doc, file);
  await writeFileAtomic(file, doc.toString({ lineWidth: 0 }), { mode: 0o600, fs });
  return registry;
}

function accountsSeq(doc: Document) {
  let accounts = doc.get('accounts', true);
  if (!isSeq(accounts)) {
    doc.set('accounts', doc.createNode([]));
    accounts = doc.get('accounts', true);
  }
  if (!isSeq(accounts)) throw new RegistryError('accounts must be a list');
  return accounts;
}

function findAccount(doc: Document, id: string): YAMLMap | null {
  for (const item of accountsSeq(doc).items) {
    if (isMap(item) && item.get('id') === id) return item;
  }
  return null;
}

/** Sets `status` of the given slots, touching nothing else. Unknown ids are ignored. Returns how many changed. */
export function setStatuses(doc: Document, statuses: Record<string, SlotStatus>): number {
  let changed = 0;
  for (const [id, status] of Object.entries(statuses)) {
    const account = findAccount(doc, id);
    // A missing status reads as active: writing it would change nothing a reader sees.
    const current = account?.get('status') ?? 'active';
    if (account && current !== status) {
      account.set('status', status);
      changed++;
    }
  }
  return changed;
}

/** Sets `enabled` of a slot; throws when the slot does not exist. */
export function setEnabled(doc: Document, id: string, enabled: boolean): void {
  const account = findAccount(doc, id);
  if (!account) throw new RegistryError(`There is no slot "${id}" in the registry.`);
  if (enabled) account.delete('enabled');
  else account.set('enabled', false);
}

/** Appends a slot; throws when the id exists. */
export function addAccount(
  doc: Document,
  slot: Omit<SlotConfig, 'enabled' | 'status'> & { status?: SlotStatus },
): void {
  if (findAccount(doc, slot.id)) throw new RegistryError(`A slot "${slot.id}" already exists.`);
  const entry: Record<string, string | boolean> = { id: slot.id };
  if (slot.email) entry.email = slot.email;
  entry.config_dir = slot.config_dir;
  entry.status = slot.status ?? 'active';
  if (slot.default) entry.default = true;
  if (slot.label) entry.label = slot.label;
  const seq = accountsSeq(doc);
  // A new file starts as `accounts: []`; entries read best as a block list.
  if (seq.items.length === 0) seq.flow = false;
  seq.add(doc.createNode(entry));
}

/** Removes a slot; throws when it does not exist. */
export function removeAccount(doc: Document, id: string): void {
  const seq = accountsSeq(doc);
  const index = seq.items.findIndex((item) => isMap(item) && item.get('id') === id);
  if (index < 0) throw new RegistryError(`There is no slot "${id}" in the registry.`);
  seq.delete(index);
}
