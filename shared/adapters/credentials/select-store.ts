/**
 * Picks the credential store from `QUOTA_BROKER_CREDENTIALS` (docs/contracts.md "Files and environment"): `auto` is the macOS keychain
 * on macOS and `<config_dir>/.credentials.json` elsewhere, where Claude Code keeps its login. On macOS a
 * leftover `.credentials.json` may be stale: the keychain wins.
 */

import type { CredentialStore, CredentialStoreKind } from '../../ports/credential-store';
import { createFileStore, type FileStoreOptions } from './file-store';
import { createKeychainStore, type KeychainStoreOptions } from './keychain-store';
import { createSecretServiceStore, type SecretServiceStoreOptions } from './secret-service-store';

export type CredentialStoreMode = 'auto' | CredentialStoreKind;

export type SelectStoreOptions = KeychainStoreOptions & SecretServiceStoreOptions & FileStoreOptions;

/** The store kind `mode` means on `platform`. */
export function getCredentialStoreKind(
  mode: CredentialStoreMode,
  platform: NodeJS.Platform = process.platform,
): CredentialStoreKind {
  if (mode !== 'auto') return mode;
  return platform === 'darwin' ? 'keychain' : 'file';
}

/** Creates the credential store for `mode` on `platform`; options reach the chosen store. */
export function selectCredentialStore(
  mode: CredentialStoreMode,
  platform: NodeJS.Platform = process.platform,
  options: SelectStoreOptions = {},
): CredentialStore {
  switch (getCredentialStoreKind(mode, platform)) {
    case 'keychain':
      return createKeychainStore(options);
    case 'secret-service':
      return createSecretServiceStore(options);
    case 'file':
      return createFileStore(options);
  }
}
