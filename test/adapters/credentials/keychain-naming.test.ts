import { describe, expect, it } from 'vitest';
import {
  getClaudeConfigDirEnv,
  getCredentialTarget,
  keychainAccount,
  keychainService,
  keychainServiceFor,
} from '../../../shared/adapters/credentials/keychain-naming';

describe('keychainService', () => {
  it.each([
    ['/Users/test/.claude-work', 'Claude Code-credentials-03abf0ee'],
    ['/Users/test/.claude-work/', 'Claude Code-credentials-8bd6f0f5'],
    ['/Users/test/.claude', 'Claude Code-credentials-462977e4'],
  ])('hashes %s exactly as exported', (dir, service) => {
    expect(keychainService(dir)).toBe(service);
  });

  it('uses the un-suffixed item when CLAUDE_CONFIG_DIR is unset', () => {
    expect(keychainService(null)).toBe('Claude Code-credentials');
  });

  it('NFC-normalises but does not expand ~', () => {
    const nfc = '/Users/zoë/.claude';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(keychainService(nfd)).toBe(keychainService(nfc));
    expect(keychainService('~/.claude')).not.toBe(keychainService('/Users/test/.claude'));
  });
});

describe('keychainAccount', () => {
  it.each([
    [{ USER: 'alice' }, 'os', 'alice'],
    [{ USER: 'a.b_c-1' }, 'os', 'a.b_c-1'],
    [{ USER: 'john doe' }, 'os', 'claude-code-user'],
    [{ USER: 'jürgen' }, 'os', 'claude-code-user'],
    [{}, 'bob', 'bob'],
    [{ USER: '' }, 'bob', 'bob'],
    [{}, 'DOMAIN\\bob', 'claude-code-user'],
  ])('env %j with OS user %s → %s', (env, osUser, expected) => {
    expect(keychainAccount(env, () => osUser)).toBe(expected);
  });

  it('falls back when the OS has no user entry', () => {
    expect(
      keychainAccount({}, () => {
        throw new Error('no passwd entry');
      }),
    ).toBe('claude-code-user');
  });
});

describe('getCredentialTarget', () => {
  it('treats an unset CLAUDE_CONFIG_DIR as the default account in ~/.claude', () => {
    for (const unset of [null, undefined, '']) {
      const target = getCredentialTarget(unset, '/home/me/.claude');
      expect(target).toEqual({ configDir: '/home/me/.claude', isDefault: true });
      expect(keychainServiceFor(target)).toBe('Claude Code-credentials');
      expect(getClaudeConfigDirEnv(target)).toBeUndefined();
    }
  });

  it('keeps an explicit dir as is, even when it names ~/.claude', () => {
    const target = getCredentialTarget('/Users/test/.claude', '/Users/test/.claude');
    expect(target).toEqual({ configDir: '/Users/test/.claude', isDefault: false });
    expect(keychainServiceFor(target)).toBe('Claude Code-credentials-462977e4');
    expect(getClaudeConfigDirEnv(target)).toBe('/Users/test/.claude');
  });
});
