/**
 * Child output is redacted before it is cut (docs/RELIABILITY.md "Hostile inputs"): a cut inside `sk-ant-…` used to
 * leave the token's tail, which `redact` no longer recognises, in the error users and the dashboard see.
 * Each place that keeps child output is driven by a real child that puts a token right at the cut.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNotifyCommand } from '../../shared/adapters/alerts/notify-command';
import { type LoginProgress, startLogin } from '../../shared/adapters/claude/auth-login';
import { runAuthStatus } from '../../shared/adapters/claude/auth-status';
import { runChild } from '../../shared/adapters/claude/run-child';
import type { Alert } from '../../shared/domain/alerts/types';
import { collectRedacted, createStreamRedactor, keepRedacted } from '../../shared/domain/redact-output';

/** A test token whose end is recognisable: any part of TAIL in an output is a leak. */
const TAIL = 'q7TAILq7TAILq7';
const TOKEN = `sk-ant-oat01-test-cut${'Z'.repeat(40)}${TAIL}`;
const leaks = (text: string) => text.includes('q7TAIL') || text.includes('ZZZZZ');

const dir = mkdtempSync(join(tmpdir(), 'qb-redact-cut-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An executable node script `name` with `body`. */
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!${process.execPath}\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Writes the token so that the last `keep` characters of stderr start 10 characters before its end. */
const tokenAtCut = (keep: number) =>
  `process.stderr.write(${JSON.stringify(`error: ${TOKEN}`)} + 'x'.repeat(${keep - 10}));`;

describe('redact first, truncate after', () => {
  it('keepRedacted and collectRedacted never keep a token’s tail, however the text is cut or chunked', () => {
    const text = `${'a '.repeat(3000)}${TOKEN}${'x'.repeat(990)}`;
    expect(leaks(text.slice(-1000))).toBe(true); // what cutting first would keep
    expect(leaks(keepRedacted(text, 1000))).toBe(false);
    for (const size of [1, 7, 64, 1000, 4096]) {
      const collected = collectRedacted(1000);
      for (let i = 0; i < text.length; i += size) collected.push(text.slice(i, i + size));
      expect(leaks(collected.text())).toBe(false);
      expect(collected.text().length).toBeLessThanOrEqual(1000);
    }
    // The bounded collector drops raw text only at a token boundary, even with a long stream before it.
    const long = collectRedacted(100);
    long.push('y'.repeat(20_000));
    long.push(` Bearer ${'b'.repeat(30)}Q9BEARERTAIL ${TOKEN}`);
    long.push('z'.repeat(95));
    expect(long.text()).not.toMatch(/Q9BEARERTAIL|q7TAIL/);
  });

  it('a live stream redacts a token split across chunks', () => {
    const redactor = createStreamRedactor();
    const half = TOKEN.length / 2;
    const shown =
      redactor.push(`line 1\nerror: ${TOKEN.slice(0, half)}`) +
      redactor.push(`${TOKEN.slice(half)}\nAuthorization: Bearer `) +
      redactor.push(`abcdefgh12345678${TAIL}\n`) +
      redactor.end();
    expect(shown).toContain('line 1\nerror: sk-ant-[redacted]\nAuthorization: Bearer [redacted]\n');
    expect(leaks(shown)).toBe(false);
  });

  it('notify_command: the stderr kept for the log has no token tail', async () => {
    const alert = { id: 'a', kind: 'login_dead', severity: 'critical', slot: null, title: 't', body: 'b' };
    const command = script('notify', `${tokenAtCut(500)} process.exit(3);`);
    const result = await runNotifyCommand(command, alert as unknown as Alert, { env: { PATH: '' } });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.error).toContain('exited with 3');
    expect(leaks(JSON.stringify(result))).toBe(false);
  });

  it('claude auth status: the stderr tail has no token tail', async () => {
    const bin = script(
      'claude-status',
      `${tokenAtCut(1000)} process.stdout.write(JSON.stringify({ loggedIn: true, email: 'a@example.com' }));`,
    );
    const result = await runAuthStatus(bin, null, { env: { PATH: '' } });
    expect(result).toMatchObject({ exitCode: 0, loggedIn: true, email: 'a@example.com' });
    expect(result.stderrTail).toContain('[redacted]');
    expect(leaks(result.stderrTail)).toBe(false);
  });

  it('claude auth login: the error and every progress event (the dashboard’s SSE relogin) have no token tail', async () => {
    const half = TOKEN.length / 2;
    const bin = script(
      'claude-login',
      [
        `process.stdout.write('Opening browser… ' + ${JSON.stringify(TOKEN.slice(0, half))});`,
        `setTimeout(() => { process.stdout.write(${JSON.stringify(`${TOKEN.slice(half)}\n`)});`,
        `  ${tokenAtCut(1000)} process.exit(1); }, 100);`,
      ].join('\n'),
    );
    const login = startLogin(bin, { configDir: null, email: 'a@example.com', env: { PATH: '' } });
    const events: LoginProgress[] = [];
    login.onProgress((e) => events.push(e));
    const result = await login.promise;
    expect(result.ok).toBe(false);
    expect(result.error).toContain('[redacted]');
    expect(leaks(JSON.stringify(events))).toBe(false);
    const stdout = events.flatMap((e) => (e.type === 'output' && e.stream === 'stdout' ? [e.text] : []));
    expect(stdout.join('')).toContain('Opening browser… sk-ant-[redacted]');
  });

  it('runChild (systemctl, crontab, claude) keeps both streams redacted, stdout’s head and stderr’s tail', async () => {
    const bin = script(
      'tool',
      `process.stdout.write('o'.repeat(990) + ${JSON.stringify(TOKEN)}); ${tokenAtCut(200)}`,
    );
    const result = await runChild(bin, [], { env: { PATH: '' }, timeoutMs: 10_000, maxOutputChars: 1000 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.length).toBe(1000);
    expect(result.stderr.length).toBeLessThanOrEqual(200);
    expect(leaks(result.stdout + result.stderr)).toBe(false);
  });
});
