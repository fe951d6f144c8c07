/** Where a slot's re-login goes: its email and the config dir to export (product §9). */
import { readAccountIdentity } from '../../shared/adapters/account-identity';
import { readCache } from '../../shared/adapters/cache-store';
import { getClaudeConfigDirEnv } from '../../shared/adapters/credentials/keychain-naming';
import { readEngineState } from '../../shared/adapters/engine-state-store';
import type { EngineDeps } from '../../shared/engine/deps';
import { getSlotTarget, resolveSlots } from '../../shared/engine/resolve-slots';
import type { ReloginTarget } from '../relogin';

/** The slot's re-login target, or null when the registry has no such slot. */
export async function findReloginTarget(engine: EngineDeps, slotId: string): Promise<ReloginTarget | null> {
  const resolved = await resolveSlots(engine, await readEngineState(engine.paths.engineState));
  const slot = resolved.registry.slots.find((s) => s.id === slotId);
  if (!slot) return null;
  const target = getSlotTarget(slot, engine.paths.defaultConfigDir, engine.paths.home);
  const cache = await readCache(engine.paths.cache);
  const cached = cache.state === 'ok' ? cache.cache.slots[slotId]?.email : null;
  const email = slot.email ?? cached ?? (await readAccountIdentity(target, engine.paths.home)).email;
  return { email, configDir: getClaudeConfigDirEnv(target) ?? null };
}
