import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoginProgress } from '../../../shared/adapters/claude/auth-login';
import { startLogin } from '../../../shared/adapters/claude/auth-login';
import { findLoginUrl } from '../../../shared/adapters/claude/login-output';
import { isAlive, makeStandInClaude } from './stand-in-claude';

const standIn = makeStandInClaude();
afterAll(() => standIn.cleanup());
const URL = 'https://claude.ai/oauth/authorize?code=true&login_hint=a%40example.com';

function envFor(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-test-env',
    ANTHROPIC_API_KEY: 'sk-ant-api03-test-env',
    CLAUDE_SECURESTORAGE_CONFIG_DIR: '/elsewhere',
    FAKE_CLAUDE_RECORD: join(standIn.dir, 'login-record.json'),
    ...extra,
  };
}

function record(): { argv: string[]; env: Record<string, string>; pid: number } {
  return JSON.parse(readFileSync(join(standIn.dir, 'login-record.json'), 'utf8'));
}

describe('findLoginUrl', () => {
  it('reads the URL after the marker, on the next line or the same one', () => {
    expect(findLoginUrl(`If the browser didn't open, visit:\n${URL}\nPaste code`)).toBe(URL);
    expect(findLoginUrl(`If the browser didn't open, visit: ${URL}`)).toBe(URL);
    expect(findLoginUrl('Opening browser')).toBeNull();
  });
});

describe('startLogin', () => {
  it('runs `auth login --claudeai --email` with the cleaned env and reports the URL', async () => {
    const login = startLogin(standIn.bin, {
      configDir: '/tmp/x/.claude-2',
      email: 'a@example.com',
      env: envFor({}),
    });
    const events: LoginProgress[] = [];
    login.onProgress((event) => events.push(event));
    const result = await login.promise;
    expect(result).toMatchObject({
      ok: true,
      exitCode: 0,
      url: URL,
      cancelled: false,
      timedOut: false,
      sawSuccess: true,
    });
    expect(events.map((e) => e.type)).toContain('url');
    expect(events[0].type).toBe('started');
    expect(events.at(-1)?.type).toBe('exited');
    const seen = record();
    expect(seen.argv).toEqual(['auth', 'login', '--claudeai', '--email', 'a@example.com']);
    expect(seen.env.CLAUDE_CONFIG_DIR).toBe('/tmp/x/.claude-2');
    expect(seen.env.CLAUDE_CODE_OAUTH_TOKEN).toBeUndefined();
    expect(seen.env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(seen.env.CLAUDE_SECURESTORAGE_CONFIG_DIR).toBeUndefined();
  });

  it('reports a failed login with a redacted error', async () => {
    const result = await startLogin(standIn.bin, {
      configDir: null,
      email: 'a@example.com',
      env: envFor({ FAKE_CLAUDE_LOGIN: 'fail' }),
    }).promise;
    expect(result).toMatchObject({ ok: false, exitCode: 1, url: URL });
    expect(result.error).toContain('sk-ant-[redacted]');
    expect(result.error).not.toContain('test-leak');
  });

  it('passes a pasted code to the child', async () => {
    const login = startLogin(standIn.bin, {
      configDir: null,
      email: 'a@example.com',
      env: envFor({ FAKE_CLAUDE_LOGIN: 'code' }),
    });
    login.onProgress((event) => {
      if (event.type === 'url') login.sendCode('the-code');
    });
    expect(await login.promise).toMatchObject({ ok: true, sawSuccess: true });
  });

  it('cancel ends the child, with SIGKILL when SIGTERM is ignored', async () => {
    const login = startLogin(standIn.bin, {
      configDir: null,
      email: 'a@example.com',
      env: envFor({ FAKE_CLAUDE_LOGIN: 'hang', FAKE_CLAUDE_IGNORE_TERM: '1' }),
      killGraceMs: 200,
    });
    login.onProgress((event) => {
      if (event.type === 'url') login.cancel();
    });
    const result = await login.promise;
    expect(result).toMatchObject({ ok: false, cancelled: true, timedOut: false, url: URL });
    expect(isAlive(record().pid)).toBe(false);
  });

  it('times out and ends the child', async () => {
    const result = await startLogin(standIn.bin, {
      configDir: null,
      email: 'a@example.com',
      env: envFor({ FAKE_CLAUDE_LOGIN: 'hang' }),
      timeoutMs: 400,
    }).promise;
    expect(result).toMatchObject({ ok: false, cancelled: false, timedOut: true });
    expect(isAlive(record().pid)).toBe(false);
  });

  it('reports a missing executable', async () => {
    const result = await startLogin(join(standIn.dir, 'missing'), {
      configDir: null,
      email: 'a@example.com',
      env: envFor({}),
    }).promise;
    expect(result.ok).toBe(false);
    expect(result.error).toContain('ENOENT');
  });
});
