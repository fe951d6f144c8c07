import { describe, expect, it } from 'vitest';
import {
  getCredentialStoreKind,
  selectCredentialStore,
} from '../../../shared/adapters/credentials/select-store';

describe('selectCredentialStore', () => {
  it.each([
    ['auto', 'darwin', 'keychain'],
    ['auto', 'linux', 'file'],
    ['auto', 'win32', 'file'],
    ['keychain', 'linux', 'keychain'],
    ['secret-service', 'linux', 'secret-service'],
    ['file', 'darwin', 'file'],
  ] as const)('%s on %s → %s', (mode, platform, kind) => {
    expect(getCredentialStoreKind(mode, platform)).toBe(kind);
    expect(selectCredentialStore(mode, platform, { account: 'alice' }).kind).toBe(kind);
  });
});
