/**
 * Which slot a re-login is for, where it goes and as whom (docs/contracts.md "Re-login") — one answer for the terminal
 * (`quota-broker relogin`), the app and the dashboard. Unlike a refresh cycle, a re-login must also work
 * for a default account whose login is already gone, so the slots come from the registry, its last good
 * copy, or — with no registry — the default account, logged in or not.
 */
import { readAccountIdentity } from '../adapters/account-identity';
import { readCache } from '../adapters/cache-store';
import { getClaudeConfigDirEnv } from '../adapters/credentials/keychain-naming';
import { getSlotTarget } from '../adapters/credentials/slot-target';
import { readEngineState } from '../adapters/engine-state-store';
import type { BrokerPaths } from '../adapters/paths';
import { loadRegistry } from '../adapters/registry/registry-store';
import type { SlotConfig } from '../domain/types';
import { DEFAULT_SLOT_ID } from '../domain/types';
import type { CredentialTarget } from '../ports/credential-store';

export interface ReloginTarget {
  slot: SlotConfig;
  target: CredentialTarget;
  /** The account to sign in as; null when neither registry, cache nor `.claude.json` names one. */
  email: string | null;
  /** `CLAUDE_CONFIG_DIR` for the login child; null for the default account (`~/.claude`). */
  configDir: string | null;
}

/** The slots a re-login may target. */
export async function listReloginSlots(paths: BrokerPaths): Promise<SlotConfig[]> {
  const load = await loadRegistry(paths.registry);
  if (load.state === 'ok') return load.registry.slots;
  if (load.state === 'error')
    return (await readEngineState(paths.engineState)).last_good_registry?.slots ?? [];
  return [
    {
      id: DEFAULT_SLOT_ID,
      config_dir: paths.defaultConfigDir,
      status: 'active',
      enabled: true,
      default: true,
    },
  ];
}

/** The e-mail to log in with: the registry's, the cache's, then Claude Code's `.claude.json`. */
export async function getReloginEmail(
  paths: BrokerPaths,
  slot: SlotConfig,
  target: CredentialTarget,
): Promise<string | null> {
  if (slot.email) return slot.email;
  const cache = await readCache(paths.cache);
  const cached = cache.state === 'ok' ? cache.cache.slots[slot.id]?.email : null;
  return cached ?? (await readAccountIdentity(target, paths.home)).email;
}

/** The slot's re-login target, or null when there is no such slot. */
export async function findReloginTarget(paths: BrokerPaths, slotId: string): Promise<ReloginTarget | null> {
  const slot = (await listReloginSlots(paths)).find((s) => s.id === slotId);
  if (!slot) return null;
  const target = getSlotTarget(slot, paths.defaultConfigDir, paths.home);
  return {
    slot,
    target,
    email: await getReloginEmail(paths, slot, target),
    configDir: getClaudeConfigDirEnv(target) ?? null,
  };
}
