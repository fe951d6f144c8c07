/**
 * The Secret Service store against a real keyring (gnome-keyring over D-Bus), through the real keytar.
 * Run with scripts/test-keyring.sh, which starts a private D-Bus session and an unlocked gnome-keyring.
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
import type { CredentialTarget } from '../../shared/adapters/credentials/store';

type Keytar = KeytarLike & { deletePassword(service: string, account: string): Promise<boolean> };

const ACCOUNT = 'quota-broker-test';
const PROBE_SERVICE = 'quota-broker-keyring-probe';
const HOW_TO_RUN =
  'Run this project with scripts/test-keyring.sh (dbus-run-session + gnome-keyring-daemon --unlock).';

let keytarPromise: Promise<Keytar> | undefined;
/** The real keytar, after proving a Secret Service answers; otherwise throws a clear failure. */
function requireKeyring(): Promise<Keytar> {
  keytarPromise ??= (async () => {
    let keytar: Keytar;
    try {
      keytar = (await loadKeytarModule()) as Keytar;
    } catch (error) {
      throw new Error(
        `keytar could not be loaded (${String(error)}); it is an optional dependency. ${HOW_TO_RUN}`,
      );
    }
    try {
      await keytar.getPassword(PROBE_SERVICE, ACCOUNT);
    } catch (error) {
      const bus = process.env.DBUS_SESSION_BUS_ADDRESS ? 'set' : 'unset';
      throw new Error(
        `No Secret Service is reachable (DBUS_SESSION_BUS_ADDRESS ${bus}): ${(error as Error).message}. ${HOW_TO_RUN}`,
      );
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
