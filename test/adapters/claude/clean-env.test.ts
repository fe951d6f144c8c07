import { describe, expect, it } from 'vitest';
import { claudeChildEnv } from '../../../shared/adapters/claude/clean-env';

const base: NodeJS.ProcessEnv = {
  PATH: '/usr/bin',
  HOME: '/home/me',
  HTTPS_PROXY: 'http://proxy:3128',
  NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
  CLAUDE_CONFIG_DIR: '/home/me/.claude-old',
  CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-test-x',
  ANTHROPIC_API_KEY: 'sk-ant-api03-test-x',
  ANTHROPIC_AUTH_TOKEN: 'x',
  CLAUDE_SECURESTORAGE_CONFIG_DIR: '/elsewhere',
};

describe('claudeChildEnv', () => {
  it('sets CLAUDE_CONFIG_DIR exactly as given and strips overriding variables', () => {
    const env = claudeChildEnv(base, '/home/me/.claude-2/');
    expect(env.CLAUDE_CONFIG_DIR).toBe('/home/me/.claude-2/');
    for (const key of [
      'CLAUDE_CODE_OAUTH_TOKEN',
      'ANTHROPIC_API_KEY',
      'ANTHROPIC_AUTH_TOKEN',
      'CLAUDE_SECURESTORAGE_CONFIG_DIR',
    ]) {
      expect(key in env).toBe(false);
    }
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      HOME: '/home/me',
      HTTPS_PROXY: 'http://proxy:3128',
      NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
    });
  });

  it('removes CLAUDE_CONFIG_DIR for the default account and leaves the input untouched', () => {
    const env = claudeChildEnv(base, null);
    expect('CLAUDE_CONFIG_DIR' in env).toBe(false);
    expect(base.CLAUDE_CONFIG_DIR).toBe('/home/me/.claude-old');
    expect(base.CLAUDE_CODE_OAUTH_TOKEN).toBeDefined();
  });
});
