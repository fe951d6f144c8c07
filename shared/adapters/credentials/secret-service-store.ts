/**
 * The freedesktop Secret Service (GNOME Keyring, KWallet) through keytar, with the same service and
 * account names as Claude Code's macOS keychain item. keytar is an optional native dependency and is
 * loaded only when this store is first used.
 */
import { redact } from '../../domain/redact';
import {
  type CredentialStore,
  CredentialStoreError,
  type CredentialTarget,
} from '../../ports/credential-store';
import { keychainAccount, keychainServiceFor } from './keychain-naming';

/** The part of keytar's API this store uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
}

export interface SecretServiceStoreOptions {
  /** Account name. Default: `keychainAccount()` ($USER or the OS user). */
  account?: string;
  /** Loads keytar; tests inject a fake. Default: `import('keytar')`. */
  loadKeytar?: () => Promise<KeytarLike>;
}

const UNAVAILABLE_HINT = 'set QUOTA_BROKER_CREDENTIALS=file or auto to use the credentials file instead.';

/** Loads the real keytar module (CommonJS, so its functions may sit on `default`). */
export async function loadKeytarModule(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
  return mod.default ?? mod;
}

/** Creates the Secret Service credential store. */
export function createSecretServiceStore(options: SecretServiceStoreOptions = {}): CredentialStore {
  const account = options.account ?? keychainAccount();
  const load = options.loadKeytar ?? loadKeytarModule;
  let keytar: Promise<KeytarLike> | undefined;
  const getKeytar = (): Promise<KeytarLike> => {
    keytar ??= load().catch((error: unknown) => {
      keytar = undefined; // a later call may succeed (e.g. after installing the module)
      throw new CredentialStoreError(
        `The Secret Service store needs the optional module keytar, which could not be loaded ` +
          `(${redact(errorText(error))}); ${UNAVAILABLE_HINT}`,
        'unavailable',
      );
    });
    return keytar;
  };
  const describeItem = (target: CredentialTarget) =>
    `Secret Service item "${keychainServiceFor(target)}" (account "${account}")`;

  return {
    kind: 'secret-service',
    describe: describeItem,
    async readRaw(target) {
      const k = await getKeytar();
      try {
        return await k.getPassword(keychainServiceFor(target), account);
      } catch (error) {
        throw toStoreError(error, `Could not read the ${describeItem(target)}`);
      }
    },
    async writeRaw(target, text) {
      const k = await getKeytar();
      try {
        await k.setPassword(keychainServiceFor(target), account, text);
      } catch (error) {
        throw toStoreError(error, `Could not write the ${describeItem(target)}`);
      }
    },
  };
}

/** keytar rejects with libsecret/D-Bus messages; the usual cause is no running Secret Service. */
function toStoreError(error: unknown, what: string): CredentialStoreError {
  const text = redact(errorText(error)).slice(0, 300);
  if (/locked|dismissed|cancel/i.test(text)) {
    return new CredentialStoreError(
      `${what}: the keyring is locked (${text}); unlock it and retry.`,
      'locked',
    );
  }
  return new CredentialStoreError(
    `${what}: no Secret Service answered (${text}); start a keyring daemon (gnome-keyring, KWallet) ` +
      `or ${UNAVAILABLE_HINT}`,
    'unavailable',
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
