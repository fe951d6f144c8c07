/** Finds the slot `relogin` is about: the registry's, its last good copy, or the default account. */
import { readAccountIdentity } from '../../adapters/account-identity';
import { readCache } from '../../adapters/cache-store';
import type { CredentialTarget } from '../../adapters/credentials/store';
import { readEngineState } from '../../adapters/engine-state-store';
import type { BrokerPaths } from '../../adapters/paths';
import { loadRegistry } from '../../adapters/registry/registry-store';
import type { SlotConfig } from '../../domain/types';
import { DEFAULT_SLOT_ID } from '../../engine/resolve-slots';
import { CliError } from '../cli-error';

/** The slot with id `id`; a CliError naming the fix when there is none. */
export async function findReloginSlot(paths: BrokerPaths, id: string): Promise<SlotConfig> {
  const load = await loadRegistry(paths.registry);
  let slots: SlotConfig[];
  if (load.state === 'ok') slots = load.registry.slots;
  else if (load.state === 'error')
    slots = (await readEngineState(paths.engineState)).last_good_registry?.slots ?? [];
  else slots = [{ id: DEFAULT_SLOT_ID, config_dir: paths.defaultConfigDir, status: 'active', enabled: true }];
  const slot = slots.find((s) => s.id === id);
  if (slot) return slot;
  const known = slots.map((s) => s.id).join(', ') || 'none';
  throw new CliError(`There is no slot "${id}" (slots: ${known}). See: quota-broker slots list`);
}

/** The e-mail to log in with: --email, the registry, the cache, then Claude Code's .claude.json. */
export async function getReloginEmail(
  paths: BrokerPaths,
  slot: SlotConfig,
  target: CredentialTarget,
  flag: string | undefined,
): Promise<string> {
  if (flag) return flag;
  if (slot.email) return slot.email;
  const cache = await readCache(paths.cache);
  const cached = cache.state === 'ok' ? cache.cache.slots[slot.id]?.email : null;
  if (cached) return cached;
  const identity = await readAccountIdentity(target, paths.home);
  if (identity.email) return identity.email;
  throw new CliError(
    `Slot ${slot.id} has no e-mail in the registry or in Claude Code's files. Run: quota-broker relogin ${slot.id} --email <address>`,
  );
}
