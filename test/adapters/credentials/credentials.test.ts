import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  getTokenFingerprint,
  isAccessExpired,
  readCredentials,
  updateTokens,
} from '../../../shared/adapters/credentials/credentials';
import { createFileStore } from '../../../shared/adapters/credentials/file-store';
import type { CredentialStore, CredentialTarget } from '../../../shared/ports/credential-store';
import { ACCESS_1, EXPIRES_1, loggedInDoc, NEW_TOKENS, REFRESH_1, stubDoc } from './samples';

const store = createFileStore();
let target: CredentialTarget;
let path: string;
beforeEach(async () => {
  const configDir = await mkdtemp(join(tmpdir(), 'qb-credentials-'));
  target = { configDir, isDefault: false };
  path = join(configDir, '.credentials.json');
});
const put = (value: unknown) => writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
const onDisk = async () => JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;

describe('readCredentials', () => {
  it('reports absent when there is no file', async () => {
    expect(await readCredentials(store, target)).toEqual({ state: 'absent' });
  });

  it('reads a login with a fingerprint of the refresh token and expiry', async () => {
    await put(loggedInDoc());
    const result = await readCredentials(store, target);
    expect(result).toEqual({
      state: 'ok',
      tokens: {
        accessToken: ACCESS_1,
        refreshToken: REFRESH_1,
        expiresAt: EXPIRES_1,
        scopes: ['user:inference', 'user:profile'],
        subscriptionType: 'max',
        rateLimitTier: 'default_claude_max_20x',
      },
      fingerprint: getTokenFingerprint({ refreshToken: REFRESH_1, expiresAt: EXPIRES_1 }),
    });
    if (result.state === 'ok') expect(result.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['no claudeAiOauth', { mcpOAuth: {} }],
    ['claudeAiOauth null', { claudeAiOauth: null }],
    ["Claude Code's stub", stubDoc()],
    ['only expiresAt 0', { claudeAiOauth: { expiresAt: 0 } }],
    ['no refresh token', { claudeAiOauth: { accessToken: ACCESS_1, expiresAt: EXPIRES_1 } }],
  ])('reports logged_out for %s', async (_label, doc) => {
    await put(doc);
    expect(await readCredentials(store, target)).toEqual({ state: 'logged_out' });
  });

  it.each([
    ['broken JSON', `{"claudeAiOauth":{"accessToken":"${ACCESS_1}",`, 'is not valid JSON'],
    ['an array', '[1,2]', 'is not a JSON object'],
    ['an empty file', '', 'is not valid JSON'],
    ['claudeAiOauth as a string', { claudeAiOauth: ACCESS_1 }, 'not an object'],
    [
      'a numeric token',
      { claudeAiOauth: { accessToken: 1, refreshToken: REFRESH_1, expiresAt: 1 } },
      'not strings',
    ],
    [
      'expiresAt as text',
      { claudeAiOauth: { accessToken: ACCESS_1, refreshToken: REFRESH_1, expiresAt: '1' } },
      'not a time',
    ],
  ])('reports unreadable for %s, naming the file but not its contents', async (_label, doc, reason) => {
    await put(doc);
    const result = await readCredentials(store, target);
    expect(result).toMatchObject({ state: 'unreadable', cause: 'malformed' });
    if (result.state !== 'unreadable') return;
    expect(result.error).toContain(path);
    expect(result.error).toContain(reason);
    expect(result.error).not.toContain('sk-ant');
  });

  it('reports a store error as unreadable with the store’s sentence', async () => {
    const failing: CredentialStore = {
      ...store,
      readRaw: async () => {
        throw Object.assign(new Error(`boom ${ACCESS_1}`), { code: 'EIO' });
      },
    };
    const result = await readCredentials(failing, target);
    expect(result).toMatchObject({ state: 'unreadable', cause: 'io' });
    expect(JSON.stringify(result)).not.toContain(ACCESS_1);
  });
});

describe('updateTokens', () => {
  it('writes both tokens and keeps every key it does not own, with mode 0600 and no temp files', async () => {
    await put(loggedInDoc());
    const result = await updateTokens(store, target, {
      ...NEW_TOKENS,
      refreshTokenExpiresAt: 1_930_000_000_000,
    });
    expect(result).toEqual({ ok: true, fingerprint: getTokenFingerprint(NEW_TOKENS) });
    const expected = loggedInDoc();
    Object.assign(expected.claudeAiOauth as object, {
      ...NEW_TOKENS,
      refreshTokenExpiresAt: 1_930_000_000_000,
    });
    expect(await onDisk()).toEqual(expected);
    expect(Object.keys(await onDisk())).toEqual(Object.keys(loggedInDoc()));
    // Inside claudeAiOauth too, every key stays in its place (the schema only checks, never rebuilds).
    expect(Object.keys((await onDisk()).claudeAiOauth as object)).toEqual([
      ...Object.keys(loggedInDoc().claudeAiOauth as object),
      'refreshTokenExpiresAt',
    ]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(target.configDir)).toEqual(['.credentials.json']);
    const reread = await readCredentials(store, target);
    expect(reread).toMatchObject({ state: 'ok', fingerprint: getTokenFingerprint(NEW_TOKENS) });
  });

  it('leaves refreshTokenExpiresAt alone when the patch has none', async () => {
    const doc = loggedInDoc();
    (doc.claudeAiOauth as Record<string, unknown>).refreshTokenExpiresAt = 123;
    await put(doc);
    await updateTokens(store, target, NEW_TOKENS);
    expect((await onDisk()).claudeAiOauth).toMatchObject({ refreshTokenExpiresAt: 123 });
  });

  it('never overwrites a file it cannot parse: the bytes stay identical', async () => {
    const broken = `{"claudeAiOauth":{"accessToken":"${ACCESS_1}","refreshToken":"${REFRESH_1}",,}`;
    await put(broken);
    const result = await updateTokens(store, target, NEW_TOKENS);
    expect(result).toMatchObject({ ok: false, reason: 'unreadable' });
    if (!result.ok) expect(result.message).not.toContain('sk-ant');
    expect(await readFile(path, 'utf8')).toBe(broken);
  });

  it.each([
    ['empty tokens', { accessToken: '', refreshToken: '', expiresAt: 0 }],
    ['empty access token', { ...NEW_TOKENS, accessToken: '' }],
    ['blank refresh token', { ...NEW_TOKENS, refreshToken: '  ' }],
    ['expiresAt 0', { ...NEW_TOKENS, expiresAt: 0 }],
    ['expiresAt NaN', { ...NEW_TOKENS, expiresAt: Number.NaN }],
    ['bad refreshTokenExpiresAt', { ...NEW_TOKENS, refreshTokenExpiresAt: -1 }],
  ])('never writes a logged-out stub (%s)', async (_label, patch) => {
    await put(loggedInDoc());
    const before = await readFile(path, 'utf8');
    const result = await updateTokens(store, target, patch);
    expect(result).toMatchObject({ ok: false, reason: 'invalid_patch' });
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('does not create a login where there is none', async () => {
    expect(await updateTokens(store, target, NEW_TOKENS)).toMatchObject({ ok: false, reason: 'absent' });
    expect(await readdir(target.configDir)).toEqual([]);
    await put(stubDoc());
    expect(await updateTokens(store, target, NEW_TOKENS)).toMatchObject({ ok: false, reason: 'logged_out' });
    expect(await onDisk()).toEqual(stubDoc());
  });

  it('does not write when the stored refresh token is no longer the expected one', async () => {
    await put(loggedInDoc());
    const stale = await updateTokens(store, target, NEW_TOKENS, {
      expectedRefreshToken: 'sk-ant-ort01-test-other',
    });
    expect(stale).toMatchObject({ ok: false, reason: 'changed' });
    expect(await onDisk()).toEqual(loggedInDoc());
    const fresh = await updateTokens(store, target, NEW_TOKENS, { expectedRefreshToken: REFRESH_1 });
    expect(fresh.ok).toBe(true);
  });

  it('reports a failed write without the tokens', async () => {
    await put(loggedInDoc());
    const readOnly: CredentialStore = {
      ...store,
      writeRaw: async () => {
        throw new Error(`EROFS while writing ${NEW_TOKENS.accessToken}`);
      },
    };
    const result = await updateTokens(readOnly, target, NEW_TOKENS);
    expect(result).toMatchObject({ ok: false, reason: 'write_failed' });
    expect(JSON.stringify(result)).not.toContain(NEW_TOKENS.accessToken);
  });
});

describe('isAccessExpired', () => {
  const fiveMinutes = 5 * 60 * 1000;
  it.each([
    [EXPIRES_1 - fiveMinutes - 1, false],
    [EXPIRES_1 - fiveMinutes, true],
    [EXPIRES_1, true],
    [EXPIRES_1 + 1, true],
  ])('at %d → %s', (now, expired) => {
    expect(isAccessExpired({ expiresAt: EXPIRES_1 }, now)).toBe(expired);
  });
});
