/** Where a slot's re-login goes: its email and the config dir to export (product §9). */
import { readAccountIdentity } from '../adapters/account-identity';
import { readCache } from '../adapters/cache-store';
import { getClaudeConfigDirEnv } from '../adapters/credentials/keychain-naming';
import { readEngineState } from '../adapters/engine-state-store';
import type { EngineDeps } from '../engine/deps';
import { getSlotTarget, resolveSlots } from '../engine/resolve-slots';

export interface ReloginTarget {
  /** The account to sign in as; null when neither registry, cache nor `.claude.json` names one. */
  email: string | null;
  /** `CLAUDE_CONFIG_DIR` for the login child; null for the default account (`~/.claude`). */
  configDir: string | null;
}

/**
 * The slot's re-login target, or null when there is no such slot. Slots come from the registry (or
 * discovery); the email from the registry, else the cache, else the config dir's `.claude.json`.
 */
export async function findReloginTarget(engine: EngineDeps, slotId: string): Promise<ReloginTarget | null> {
  const resolved = await resolveSlots(engine, await readEngineState(engine.paths.engineState));
  const slot = resolved.registry.slots.find((s) => s.id === slotId);
  if (!slot) return null;
  const target = getSlotTarget(slot, engine.paths.defaultConfigDir, engine.paths.home);
  const cache = await readCache(engine.paths.cache);
  const cached = cache.state === 'ok' ? cache.cache.slots[slotId]?.email : null;
  const email = slot.email ?? cached ?? (await readAccountIdentity(target, engine.paths.home)).email;
  return { email: email ?? null, configDir: getClaudeConfigDirEnv(target) ?? null };
}
