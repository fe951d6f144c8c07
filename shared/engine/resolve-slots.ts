/**
 * Which slots exist this cycle: the registry when it parses, else the last good one (the broken file is
 * reported, never overwritten), else — with no registry at all — the default account when it is logged in.
 */
import { readCredentials } from '../adapters/credentials/credentials';
import { getCredentialTarget } from '../adapters/credentials/keychain-naming';
import type { EngineState } from '../adapters/engine-state-store';
import { loadRegistry } from '../adapters/registry/registry-store';
import { DEFAULT_SETTINGS, DEFAULT_SLOT_ID, type Registry, type SlotConfig } from '../domain/types';
import type { EngineDeps } from './deps';

export interface ResolvedSlots {
  registry: Registry;
  /** Where the slots came from: the file, the last good copy, or discovery. */
  origin: 'file' | 'last_good' | 'discovered' | 'none';
  /** The registry's problem in one sentence (line:col), or null. */
  error: string | null;
  /** Values the registry reader ignored for their default (bad `settings.alerts` keys), for the log. */
  warnings?: string[];
}

export async function resolveSlots(deps: EngineDeps, engineState: EngineState): Promise<ResolvedSlots> {
  const loaded = await loadRegistry(deps.paths.registry);
  if (loaded.state === 'ok') {
    engineState.last_good_registry = loaded.registry;
    return { registry: loaded.registry, origin: 'file', error: null, warnings: loaded.warnings };
  }
  if (loaded.state === 'error') {
    deps.logger.error(loaded.error.message);
    const last = engineState.last_good_registry;
    return {
      registry: last ?? { slots: [], settings: { ...DEFAULT_SETTINGS } },
      origin: last ? 'last_good' : 'none',
      error: loaded.error.message,
    };
  }
  const target = getCredentialTarget(null, deps.paths.defaultConfigDir);
  const cred = await readCredentials(deps.store, target);
  if (cred.state !== 'ok')
    return { registry: { slots: [], settings: { ...DEFAULT_SETTINGS } }, origin: 'none', error: null };
  const slot: SlotConfig = {
    id: DEFAULT_SLOT_ID,
    config_dir: deps.paths.defaultConfigDir,
    status: 'active',
    enabled: true,
    default: true,
  };
  return {
    registry: { slots: [slot], settings: { ...DEFAULT_SETTINGS } },
    origin: 'discovered',
    error: null,
  };
}
