import { describe, expect, it } from 'vitest';
import {
  createSecretServiceStore,
  type KeytarLike,
} from '../../../shared/adapters/credentials/secret-service-store';
import { CredentialStoreError, type CredentialTarget } from '../../../shared/ports/credential-store';

const WORK: CredentialTarget = { configDir: '/Users/test/.claude-work', isDefault: false };
const DEFAULT: CredentialTarget = { configDir: '/Users/test/.claude', isDefault: true };

function memoryKeytar(): KeytarLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getPassword: async (service, account) => items.get(`${service}|${account}`) ?? null,
    setPassword: async (service, account, password) => {
      items.set(`${service}|${account}`, password);
    },
  };
}

const failure = async (p: Promise<unknown>) => (await p.catch((e: unknown) => e)) as CredentialStoreError;

describe('secret service store', () => {
  it('uses the keychain naming for service and account', async () => {
    const keytar = memoryKeytar();
    const store = createSecretServiceStore({ account: 'alice', loadKeytar: async () => keytar });
    await store.writeRaw(WORK, '{"w":1}');
    await store.writeRaw(DEFAULT, '{"d":1}');
    expect([...keytar.items.keys()].sort()).toEqual([
      'Claude Code-credentials-03abf0ee|alice',
      'Claude Code-credentials|alice',
    ]);
    expect(await store.readRaw(WORK)).toBe('{"w":1}');
    expect(store.describe(WORK)).toBe(
      'Secret Service item "Claude Code-credentials-03abf0ee" (account "alice")',
    );
  });

  it('reports a missing keytar as unavailable with a sentence, and retries the load later', async () => {
    let attempts = 0;
    const store = createSecretServiceStore({
      account: 'alice',
      loadKeytar: async () => {
        attempts += 1;
        throw new Error("Cannot find module 'keytar'");
      },
    });
    const error = await failure(store.readRaw(WORK));
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/optional module keytar.*QUOTA_BROKER_CREDENTIALS=file/);
    await failure(store.readRaw(WORK));
    expect(attempts).toBe(2);
  });

  it('reports an unreachable Secret Service as unavailable, never echoing a secret', async () => {
    const store = createSecretServiceStore({
      account: 'alice',
      loadKeytar: async () => ({
        getPassword: async () => {
          throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
        },
        setPassword: async (_s, _a, password) => {
          throw new Error(`org.freedesktop.DBus.Error.ServiceUnknown while storing ${password}`);
        },
      }),
    });
    const read = await failure(store.readRaw(WORK));
    expect(read.code).toBe('unavailable');
    expect(read.message).toContain('no Secret Service answered');
    const write = await failure(store.writeRaw(WORK, '{"accessToken":"sk-ant-oat01-test-x"}'));
    expect(write.code).toBe('unavailable');
    expect(write.message).not.toContain('sk-ant-oat01-test-x');
  });
});
