/**
 * The keychain store against macOS's real `/usr/bin/security`, in a throwaway keychain file this suite
 * creates and deletes: the login keychain is never read or written (every call names the file).
 * Runs on macOS only (`npm test` selects it there; its Linux counterpart is the keyring suite).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCredentials, updateTokens } from '../../shared/adapters/credentials/credentials';
import { keychainServiceFor } from '../../shared/adapters/credentials/keychain-naming';
import { createKeychainStore } from '../../shared/adapters/credentials/keychain-store';
import type { CredentialTarget } from '../../shared/ports/credential-store';

const SECURITY = '/usr/bin/security';
const ACCOUNT = 'quota-broker-test';
const PASSWORD = 'quota-broker-test-keychain';
let dir: string;
let keychain: string;

const security = (...args: string[]) =>
  execFileSync(SECURITY, args, { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  if (process.platform !== 'darwin')
    throw new Error(`the keychain suite needs macOS (this is ${process.platform})`);
  dir = mkdtempSync(join(tmpdir(), 'qb-keychain-'));
  keychain = join(dir, 'quota-broker-test.keychain-db');
  security('create-keychain', '-p', PASSWORD, keychain);
  security('unlock-keychain', '-p', PASSWORD, keychain);
  security('set-keychain-settings', keychain); // no auto-lock during the run
});

afterAll(() => {
  if (keychain) {
    try {
      security('delete-keychain', keychain); // also takes it off the search list
    } catch {
      // already gone
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const store = () => createKeychainStore({ account: ACCOUNT, keychain });
let n = 0;
const freshTarget = (): CredentialTarget => ({
  configDir: `/tmp/qb-keychain-test-${process.pid}-${n++}`,
  isDefault: false,
});

describe('keychain store (real /usr/bin/security, throwaway keychain)', () => {
  it('answers null for a missing item, then reads back what it wrote, non-ASCII included', async () => {
    const target = freshTarget();
    expect(await store().readRaw(target)).toBeNull();
    const text = JSON.stringify({ claudeAiOauth: {}, note: 'Zürich ✓' });
    await store().writeRaw(target, text);
    expect(await store().readRaw(target)).toBe(text);
  });

  it('stores the item under Claude Code’s service name and account, in that keychain only', async () => {
    const target = freshTarget();
    await store().writeRaw(target, '{"x":1}');
    const found = security(
      'find-generic-password',
      '-a',
      ACCOUNT,
      '-s',
      keychainServiceFor(target),
      '-w',
      keychain,
    );
    expect(found.trim()).toBe('{"x":1}');
  });

  it('updates tokens by read-modify-write (add-generic-password -U), keeping siblings', async () => {
    const target = freshTarget();
    const doc = {
      claudeAiOauth: {
        accessToken: 'sk-ant-oat01-test-k1',
        refreshToken: 'sk-ant-ort01-test-k1',
        expiresAt: 1_900_000_000_000,
        scopes: ['user:profile'],
        unknownInside: 1,
      },
      mcpOAuth: { s: {} },
    };
    await store().writeRaw(target, JSON.stringify(doc));
    const patch = {
      accessToken: 'sk-ant-oat01-test-k2',
      refreshToken: 'sk-ant-ort01-test-k2',
      expiresAt: 1_900_000_100_000,
    };
    expect(await updateTokens(store(), target, patch)).toMatchObject({ ok: true });
    expect(JSON.parse((await store().readRaw(target)) ?? 'null')).toEqual({
      ...doc,
      claudeAiOauth: { ...doc.claudeAiOauth, ...patch },
    });
    expect(await readCredentials(store(), target)).toMatchObject({ state: 'ok', tokens: patch });
  });
});
