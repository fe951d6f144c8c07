/** Which stored login a registry slot means: its credential target (the keychain item or file it reads). */
import { expandTilde, isSameConfigDir } from '../../domain/config-dir';
import type { SlotConfig } from '../../domain/types';
import type { CredentialTarget } from '../../ports/credential-store';
import { getCredentialTarget } from './keychain-naming';

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
  return !slot.default && isSameConfigDir(slot.config_dir, defaultConfigDir, home);
}
