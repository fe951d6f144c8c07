/**
 * One interface over the three places Claude Code's OAuth credentials live (interop doc "Where the tokens are"):
 * the macOS keychain (through /usr/bin/security), the Secret Service (keytar), and `<config_dir>/.credentials.json`.
 * A store moves the raw JSON text; parsing and read-modify-write live in credentials.ts.
 */
export type CredentialStoreKind = 'keychain' | 'secret-service' | 'file';

/** Thrown by stores when the item exists but cannot be read or written (locked keychain, no keyring, EACCES). */
export class CredentialStoreError extends Error {
  constructor(
    message: string,
    readonly code: 'locked' | 'unavailable' | 'timeout' | 'io' | 'denied',
  ) {
    super(message);
    this.name = 'CredentialStoreError';
  }
}

export interface CredentialStore {
  readonly kind: CredentialStoreKind;
  /** Where the item lives, for doctor and error messages (never a secret). */
  describe(configDir: string): string;
  /** The stored JSON text, or null when there is no item/file. */
  readRaw(configDir: string): Promise<string | null>;
  /** Replaces the stored JSON text atomically. */
  writeRaw(configDir: string, text: string): Promise<void>;
}
