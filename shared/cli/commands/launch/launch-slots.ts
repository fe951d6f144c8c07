/** The slots `run` and `shell-init` launch on: the engine's own answer (registry, last good copy, discovery). */
import { readEngineState } from '../../../adapters/engine-state-store';
import type { SlotConfig } from '../../../domain/types';
import { resolveSlots } from '../../../engine/resolve-slots';
import type { CliContext } from '../../context';

export interface LaunchSlots {
  slots: SlotConfig[];
  /** The registry's problem in one sentence, when the slots come from its last good copy. */
  error: string | null;
}

/** The slots in registry order, as the engine sees them this moment. */
export async function loadLaunchSlots(ctx: CliContext): Promise<LaunchSlots> {
  const state = await readEngineState(ctx.deps.paths.engineState);
  const resolved = await resolveSlots(ctx.deps, state);
  return { slots: resolved.registry.slots, error: resolved.error };
}
