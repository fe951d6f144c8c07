/**
 * Which slots exist this cycle: the registry when it parses, else the last good one (the broken file is
 * reported, never overwritten), else — with no registry at all — the default account when it is logged in.
 */
import { readCredentials } from '../adapters/credentials/credentials';
import { getCredentialTarget } from '../adapters/credentials/keychain-naming';
import type { CredentialTarget } from '../adapters/credentials/store';
import type { EngineState } from '../adapters/engine-state-store';
import { loadRegistry } from '../adapters/registry/registry-store';
import { DEFAULT_SETTINGS, type Registry, type SlotConfig } from '../domain/types';
import type { EngineDeps } from './deps';

export const DEFAULT_SLOT_ID = 'default';

export interface ResolvedSlots {
  registry: Registry;
  /** Where the slots came from: the file, the last good copy, or discovery. */
  origin: 'file' | 'last_good' | 'discovered' | 'none';
  /** The registry's problem in one sentence (line:col), or null. */
  error: string | null;
}

/** `~` expanded (as a shell would before exporting CLAUDE_CONFIG_DIR); nothing else changes. */
export function expandTilde(dir: string, home: string): string {
  if (dir === '~') return home;
  return dir.startsWith('~/') ? `${home}${dir.slice(1)}` : dir;
}

/** `~` expanded and trailing slashes dropped, for comparisons only (never for naming keychain items). */
export function normalizeDir(dir: string, home: string): string {
  const expanded = expandTilde(dir, home);
  return expanded.length > 1 ? expanded.replace(/\/+$/, '') : expanded;
}

/**
 * The credential target of a slot. A slot marked `default: true` is the account Claude Code uses with
 * CLAUDE_CONFIG_DIR unset (the un-suffixed keychain item, `~/.claude.json`); any other slot's config dir
 * is used exactly as written (after `~` expansion), as CLAUDE_CONFIG_DIR would be exported — so
 * `config_dir: /Users/me/.claude` without `default: true` is the `CLAUDE_CONFIG_DIR=$HOME/.claude` item.
 */
export function getSlotTarget(slot: SlotConfig, defaultConfigDir: string, home: string): CredentialTarget {
  if (slot.default) return getCredentialTarget(null, defaultConfigDir);
  return getCredentialTarget(expandTilde(slot.config_dir, home), defaultConfigDir);
}

/** True for a non-default slot whose dir is the default one: a likely `default: true` left out. */
export function looksLikeDefaultDir(slot: SlotConfig, defaultConfigDir: string, home: string): boolean {
  return !slot.default && normalizeDir(slot.config_dir, home) === normalizeDir(defaultConfigDir, home);
}

export async function resolveSlots(deps: EngineDeps, engineState: EngineState): Promise<ResolvedSlots> {
  const loaded = await loadRegistry(deps.paths.registry);
  if (loaded.state === 'ok') {
    engineState.last_good_registry = loaded.registry;
    return { registry: loaded.registry, origin: 'file', error: null };
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
