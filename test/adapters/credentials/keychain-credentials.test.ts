import { describe, expect, it } from 'vitest';
import { readCredentials, updateTokens } from '../../../shared/adapters/credentials/credentials';
import { createKeychainStore } from '../../../shared/adapters/credentials/keychain-store';
import type { CredentialTarget } from '../../../shared/ports/credential-store';
import { createFakeSecurity } from './fake-security';
import { loggedInDoc, NEW_TOKENS } from './samples';

const DEFAULT: CredentialTarget = { configDir: '/Users/test/.claude', isDefault: true };
const EXPLICIT: CredentialTarget = { configDir: '/Users/test/.claude', isDefault: false };

describe('credentials through the keychain (fake security)', () => {
  it('updates the default account’s item only, keeping its siblings and non-ASCII text', async () => {
    const fake = await createFakeSecurity();
    const store = createKeychainStore({ securityPath: fake.path, account: 'alice' });
    const doc: Record<string, unknown> = { ...loggedInDoc(), organizationName: 'Société Générale' };
    await fake.putItem('alice', 'Claude Code-credentials', JSON.stringify(doc));
    await fake.putItem('alice', 'Claude Code-credentials-462977e4', '{"other":"item"}');

    expect(await readCredentials(store, DEFAULT)).toMatchObject({ state: 'ok' });
    expect(await readCredentials(store, EXPLICIT)).toEqual({ state: 'logged_out' });
    expect(await updateTokens(store, DEFAULT, NEW_TOKENS)).toMatchObject({ ok: true });

    const items = await fake.items();
    const expected = { ...doc, claudeAiOauth: { ...(doc.claudeAiOauth as object), ...NEW_TOKENS } };
    expect(JSON.parse(items['alice@@Claude Code-credentials'])).toEqual(expected);
    expect(items['alice@@Claude Code-credentials-462977e4']).toBe('{"other":"item"}');
    // The new tokens went to security -i on stdin: exec auditing, which records argv, never sees them.
    const argv = (await fake.calls()).flat().join(' ');
    for (const token of [NEW_TOKENS.accessToken, NEW_TOKENS.refreshToken]) {
      expect(argv).not.toContain(token);
      expect(argv).not.toContain(Buffer.from(token).toString('hex'));
    }
    expect((await fake.stdinCommands()).map((words) => words[0])).toEqual(['add-generic-password']);
  });

  it('reports a locked keychain as unreadable and writes nothing', async () => {
    const fake = await createFakeSecurity();
    const store = createKeychainStore({ securityPath: fake.path, account: 'alice' });
    await fake.setMode('locked');
    const read = await readCredentials(store, DEFAULT);
    expect(read).toMatchObject({ state: 'unreadable', cause: 'locked' });
    const update = await updateTokens(store, DEFAULT, NEW_TOKENS);
    expect(update).toMatchObject({ ok: false, reason: 'unreadable' });
    expect((await fake.calls()).every((argv) => argv[0] === 'find-generic-password')).toBe(true);
  });
});
