/**
 * How Claude Code names its credential item (docs/claude-code.md "Where the tokens are"). The keychain store and
 * the Secret Service store both use these names, so the broker finds exactly the item Claude Code writes.
 */
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import type { CredentialTarget } from '../../ports/credential-store';

/** The default account's item, used when `CLAUDE_CONFIG_DIR` is unset. */
export const KEYCHAIN_SERVICE_BASE = 'Claude Code-credentials';
/** Account name Claude Code falls back to when the user name has unusual characters. */
export const FALLBACK_KEYCHAIN_ACCOUNT = 'claude-code-user';
const ACCOUNT_PATTERN = /^[a-zA-Z0-9._-]+$/;

/**
 * The keychain service name for a config dir. `null` means `CLAUDE_CONFIG_DIR` is unset (the default
 * account). Otherwise the dir string is hashed exactly as exported, NFC-normalised, with no other
 * normalisation: no `~` expansion, no realpath, no trailing-slash stripping.
 */
export function keychainService(configDir: string | null): string {
  if (configDir === null) return KEYCHAIN_SERVICE_BASE;
  const hash = createHash('sha256').update(configDir.normalize('NFC'), 'utf8').digest('hex');
  return `${KEYCHAIN_SERVICE_BASE}-${hash.slice(0, 8)}`;
}

/** The keychain service name for a credential target (un-suffixed for the default account). */
export function keychainServiceFor(target: CredentialTarget): string {
  return keychainService(target.isDefault ? null : target.configDir);
}

/**
 * The keychain account name: `$USER`, else the OS user name; a name outside `[a-zA-Z0-9._-]`
 * becomes `claude-code-user`, as Claude Code does.
 */
export function keychainAccount(
  env: NodeJS.ProcessEnv = process.env,
  getOsUser: () => string = () => userInfo().username,
): string {
  let name = env.USER;
  if (!name) {
    try {
      name = getOsUser();
    } catch {
      // No passwd entry (some containers): Claude Code's fallback applies.
      name = '';
    }
  }
  return ACCOUNT_PATTERN.test(name) ? name : FALLBACK_KEYCHAIN_ACCOUNT;
}

/**
 * The credential target for a slot. `exportedConfigDir` is the value of `CLAUDE_CONFIG_DIR` for that
 * account: null, undefined or '' means unset, i.e. the default account in `defaultConfigDir` (`~/.claude`).
 * A dir given explicitly is kept as is, even when it names `~/.claude`: Claude Code then uses the hashed
 * item, not the default one.
 */
export function getCredentialTarget(
  exportedConfigDir: string | null | undefined,
  defaultConfigDir: string,
): CredentialTarget {
  if (!exportedConfigDir) return { configDir: defaultConfigDir, isDefault: true };
  return { configDir: exportedConfigDir, isDefault: false };
}

/**
 * The `CLAUDE_CONFIG_DIR` value to give a `claude` child for this target, or undefined when the
 * variable must be removed from its environment (the default account: setting it to `~/.claude`
 * would make Claude Code read a different keychain item).
 */
export function getClaudeConfigDirEnv(target: CredentialTarget): string | undefined {
  return target.isDefault ? undefined : target.configDir;
}
