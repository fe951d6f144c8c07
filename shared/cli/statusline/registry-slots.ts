/**
 * The registry's slots for the statusline, bundled on its own (dist/statusline-registry.cjs) and loaded
 * only when the cache does not name config dirs (an old writer's cache): the YAML parser and the registry
 * schema stay off the per-update path otherwise.
 */
import { readFileSync } from 'node:fs';
import { parseRegistryDocument, readRegistry } from '../../adapters/registry/parse-registry';
import type { RegistrySlotDir } from '../../domain/statusline/registry-dirs';

/** The registry's slots (id, config dir, default mark), or null when it is absent or does not parse. */
export function readRegistrySlots(file: string): RegistrySlotDir[] | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return readRegistry(parseRegistryDocument(text, file), file).slots.map((s) => ({
      id: s.id,
      config_dir: s.config_dir,
      default: s.default === true,
    }));
  } catch {
    // A broken registry costs the line nothing: the session stays unattributed, as before.
    return null;
  }
}
