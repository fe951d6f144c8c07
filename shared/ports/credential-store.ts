/**
 * One interface over the three places Claude Code's OAuth credentials live (docs/claude-code.md "Where the tokens are"):
 * the macOS keychain (through /usr/bin/security), the Secret Service (keytar), and `<config_dir>/.credentials.json`.
 * A store moves the raw JSON text; parsing and read-modify-write live in credentials.ts.
 */
export type CredentialStoreKind = 'keychain' | 'secret-service' | 'file';

export type CredentialStoreErrorCode = 'locked' | 'unavailable' | 'timeout' | 'io' | 'denied';

/**
 * Thrown by stores when the item exists but cannot be read or written (locked keychain, no keyring, EACCES).
 * The message is a sentence a person can act on; it names the item or file, never its contents.
 */
export class CredentialStoreError extends Error {
  constructor(
    message: string,
    readonly code: CredentialStoreErrorCode,
  ) {
    super(message);
    this.name = 'CredentialStoreError';
  }
}

/**
 * Which account's credentials a store reads: one Claude Code config dir.
 *
 * `isDefault` is true for the account Claude Code uses when `CLAUDE_CONFIG_DIR` is unset (`~/.claude`).
 * It matters on macOS and for the Secret Service: the default account's item is `Claude Code-credentials`,
 * while `CLAUDE_CONFIG_DIR=/Users/me/.claude` (the same directory, exported explicitly) is a different item,
 * `Claude Code-credentials-<hash>`. The file store uses `<configDir>/.credentials.json` either way.
 * Build targets with `getCredentialTarget` (keychain-naming.ts).
 */
export interface CredentialTarget {
  /** Absolute config dir; for a non-default account exactly as exported in `CLAUDE_CONFIG_DIR`. */
  readonly configDir: string;
  /** True when Claude Code runs for this account with `CLAUDE_CONFIG_DIR` unset. */
  readonly isDefault: boolean;
}

export interface CredentialStore {
  readonly kind: CredentialStoreKind;
  /** Where the item lives, for doctor and error messages (never a secret). */
  describe(target: CredentialTarget): string;
  /** The stored JSON text, or null when there is no item/file. Throws CredentialStoreError. */
  readRaw(target: CredentialTarget): Promise<string | null>;
  /** Replaces the stored JSON text atomically. Throws CredentialStoreError. */
  writeRaw(target: CredentialTarget, text: string): Promise<void>;
}
