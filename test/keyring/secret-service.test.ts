/**
 * The Secret Service store against a real keyring (gnome-keyring over D-Bus), through the real keytar.
 * Run with `npm test -- keyring` (scripts/test-keyring.sh starts a private D-Bus session and an unlocked
 * gnome-keyring).
 * Without a reachable Secret Service every test here FAILS: a keyring test that skips proves nothing.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readCredentials, updateTokens } from '../../shared/adapters/credentials/credentials';
import { keychainServiceFor } from '../../shared/adapters/credentials/keychain-naming';
import {
  createSecretServiceStore,
  type KeytarLike,
  loadKeytarModule,
} from '../../shared/adapters/credentials/secret-service-store';
import type { CredentialTarget } from '../../shared/ports/credential-store';

type Keytar = KeytarLike & { deletePassword(service: string, account: string): Promise<boolean> };

const ACCOUNT = 'quota-broker-test';
const PROBE_SERVICE = 'quota-broker-keyring-probe';
const BUILD_KEYTAR =
  'keytar (an optional dependency) is not built: it needs the libsecret headers. Install them and ' +
  'rebuild with `sudo apt-get install -y libsecret-1-dev && npm rebuild keytar` (`npm test` does both as root).';
const START_KEYRING =
  'This suite needs a private D-Bus session with an unlocked gnome-keyring: run it as `npm test -- keyring` ' +
  '(which starts both through scripts/test-keyring.sh), not with vitest directly.';
const KEYRING_DID_NOT_START =
  'A D-Bus session is running but no Secret Service answered: gnome-keyring-daemon did not start or ' +
  'unlock (is the gnome-keyring package installed? `sudo apt-get install -y gnome-keyring`).';

let keytarPromise: Promise<Keytar> | undefined;
/** The real keytar, after proving a Secret Service answers; otherwise throws a clear failure. */
function requireKeyring(): Promise<Keytar> {
  keytarPromise ??= (async () => {
    let keytar: Keytar;
    try {
      keytar = (await loadKeytarModule()) as Keytar;
    } catch (error) {
      throw new Error(`${BUILD_KEYTAR} (${String(error)})`);
    }
    try {
      await keytar.getPassword(PROBE_SERVICE, ACCOUNT);
    } catch (error) {
      const advice = process.env.DBUS_SESSION_BUS_ADDRESS ? KEYRING_DID_NOT_START : START_KEYRING;
      throw new Error(`No Secret Service is reachable: ${(error as Error).message}. ${advice}`);
    }
    return keytar;
  })();
  return keytarPromise;
}

const targets: CredentialTarget[] = [];
/** A target of its own per test, so no real Claude Code item is ever touched. */
function freshTarget(): CredentialTarget {
  const target = {
    configDir: `/tmp/quota-broker-keyring-test-${randomBytes(6).toString('hex')}`,
    isDefault: false,
  };
  targets.push(target);
  return target;
}

afterAll(async () => {
  if (!keytarPromise) return;
  const keytar = await keytarPromise.catch(() => undefined);
  for (const target of targets) await keytar?.deletePassword(keychainServiceFor(target), ACCOUNT);
});

describe('Secret Service store (real gnome-keyring)', () => {
  it('reaches a Secret Service', async () => {
    await requireKeyring();
  });

  it('answers null for a missing item, then reads back what it wrote', async () => {
    await requireKeyring();
    const store = createSecretServiceStore({ account: ACCOUNT });
    const target = freshTarget();
    expect(await store.readRaw(target)).toBeNull();
    const text = JSON.stringify({ claudeAiOauth: {}, note: 'Zürich ✓' });
    await store.writeRaw(target, text);
    expect(await store.readRaw(target)).toBe(text);
  });

  it('stores the item under Claude Code’s service name and the given account', async () => {
    const keytar = await requireKeyring();
    const store = createSecretServiceStore({ account: ACCOUNT });
    const target = freshTarget();
    await store.writeRaw(target, '{"x":1}');
    expect(await keytar.getPassword(keychainServiceFor(target), ACCOUNT)).toBe('{"x":1}');
  });

  it('updates tokens by read-modify-write, keeping siblings', async () => {
    await requireKeyring();
    const store = createSecretServiceStore({ account: ACCOUNT });
    const target = freshTarget();
    const doc = {
      claudeAiOauth: {
        accessToken: 'sk-ant-oat01-test-a1',
        refreshToken: 'sk-ant-ort01-test-r1',
        expiresAt: 1_900_000_000_000,
        scopes: ['user:profile'],
        unknownInside: 1,
      },
      mcpOAuth: { s: {} },
      organizationUuid: 'org',
    };
    await store.writeRaw(target, JSON.stringify(doc));
    const patch = {
      accessToken: 'sk-ant-oat01-test-a2',
      refreshToken: 'sk-ant-ort01-test-r2',
      expiresAt: 1_900_000_100_000,
    };
    expect(await updateTokens(store, target, patch)).toMatchObject({ ok: true });
    expect(JSON.parse((await store.readRaw(target)) ?? 'null')).toEqual({
      ...doc,
      claudeAiOauth: { ...doc.claudeAiOauth, ...patch },
    });
    expect(await readCredentials(store, target)).toMatchObject({ state: 'ok', tokens: patch });
  });
});
