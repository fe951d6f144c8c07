import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAuthStatus, runAuthStatus } from '../../../shared/adapters/claude/auth-status';
import { isAlive, makeStandInClaude } from './stand-in-claude';

const standIn = makeStandInClaude();
afterAll(() => standIn.cleanup());

function envFor(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: '/tmp/home-x',
    HTTPS_PROXY: 'http://proxy:3128',
    CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-test-env',
    ANTHROPIC_API_KEY: 'sk-ant-api03-test-env',
    CLAUDE_SECURESTORAGE_CONFIG_DIR: '/elsewhere',
    CLAUDE_CONFIG_DIR: '/wrong',
    FAKE_CLAUDE_RECORD: join(standIn.dir, 'record.json'),
    ...extra,
  };
}

function record(): { argv: string[]; env: Record<string, string>; pid: number } {
  return JSON.parse(readFileSync(join(standIn.dir, 'record.json'), 'utf8'));
}

describe('runAuthStatus', () => {
  it('runs `auth status` with the cleaned environment and parses the JSON answer', async () => {
    const result = await runAuthStatus(standIn.bin, '/tmp/home-x/.claude-2', { env: envFor({}) });
    expect(result).toMatchObject({
      exitCode: 0,
      loggedIn: true,
      email: 'a@example.com',
      authMethod: 'claude.ai',
      timedOut: false,
    });
    expect(result.stderrTail).not.toContain('sk-ant-oat01-test-secret');
    expect(result.stderrTail).toContain('sk-ant-[redacted]');
    const seen = record();
    expect(seen.argv).toEqual(['auth', 'status']);
    expect(seen.env.CLAUDE_CONFIG_DIR).toBe('/tmp/home-x/.claude-2');
    expect(seen.env.HOME).toBe('/tmp/home-x');
    expect(seen.env.HTTPS_PROXY).toBe('http://proxy:3128');
    expect(seen.env.CLAUDE_CODE_OAUTH_TOKEN).toBeUndefined();
    expect(seen.env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(seen.env.CLAUDE_SECURESTORAGE_CONFIG_DIR).toBeUndefined();
  });

  it('drops CLAUDE_CONFIG_DIR for the default account', async () => {
    await runAuthStatus(standIn.bin, null, { env: envFor({}) });
    expect(record().env.CLAUDE_CONFIG_DIR).toBeUndefined();
  });

  it('reports logged out, text answers and garbage', async () => {
    expect(
      await runAuthStatus(standIn.bin, null, { env: envFor({ FAKE_CLAUDE_STATUS: 'out' }) }),
    ).toMatchObject({
      exitCode: 1,
      loggedIn: false,
      email: null,
    });
    expect(
      await runAuthStatus(standIn.bin, null, { env: envFor({ FAKE_CLAUDE_STATUS: 'text' }) }),
    ).toMatchObject({ loggedIn: false });
    expect(
      await runAuthStatus(standIn.bin, null, { env: envFor({ FAKE_CLAUDE_STATUS: 'garbage' }) }),
    ).toMatchObject({ exitCode: 3, loggedIn: null });
    expect(parseAuthStatus('{"loggedIn":"yes","email":7}')).toEqual({
      loggedIn: null,
      email: null,
      authMethod: null,
    });
  });

  it('kills the child on timeout, with SIGKILL when SIGTERM is ignored', async () => {
    const result = await runAuthStatus(standIn.bin, null, {
      env: envFor({ FAKE_CLAUDE_STATUS: 'hang', FAKE_CLAUDE_IGNORE_TERM: '1' }),
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ timedOut: true, exitCode: null, loggedIn: null });
    expect(isAlive(record().pid)).toBe(false);
  });

  it('reports a missing executable without throwing', async () => {
    const result = await runAuthStatus(join(standIn.dir, 'missing'), null, { env: envFor({}) });
    expect(result.exitCode).toBeNull();
    expect(result.stderrTail).toContain('ENOENT');
  });
});
