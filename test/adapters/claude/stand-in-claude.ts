import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A stand-in `claude` executable: records argv and env to `$FAKE_CLAUDE_RECORD`, then behaves as
 * told by `FAKE_CLAUDE_*` variables (status answer, login flow, hanging, ignoring SIGTERM).
 */
const SCRIPT = `
const fs = require('node:fs');
const env = process.env;
if (env.FAKE_CLAUDE_RECORD) {
  fs.writeFileSync(env.FAKE_CLAUDE_RECORD, JSON.stringify({ argv: process.argv.slice(2), env, pid: process.pid }));
}
if (env.FAKE_CLAUDE_IGNORE_TERM === '1') process.on('SIGTERM', () => {});
const hang = () => setInterval(() => {}, 1000);
const [cmd, sub] = process.argv.slice(2);
if (cmd === '--version') {
  if (env.FAKE_CLAUDE_VERSION === 'hang') hang();
  else process.stdout.write((env.FAKE_CLAUDE_VERSION || '2.1.332 (Claude Code)') + '\\n');
} else if (cmd === 'auth' && sub === 'status') {
  const mode = env.FAKE_CLAUDE_STATUS || 'in';
  process.stderr.write('warn: token sk-ant-oat01-test-secret seen\\n');
  if (mode === 'hang') hang();
  else if (mode === 'in') { process.stdout.write(JSON.stringify({ loggedIn: true, authMethod: 'claude.ai', email: 'a@example.com' }, null, 2) + '\\n'); }
  else if (mode === 'out') { process.stdout.write(JSON.stringify({ loggedIn: false, authMethod: 'none' }) + '\\n'); process.exitCode = 1; }
  else if (mode === 'text') { process.stdout.write('Not logged in. Run claude auth login to authenticate.\\n'); process.exitCode = 1; }
  else { process.stdout.write('garbage\\n'); process.exitCode = 3; }
} else if (cmd === 'auth' && sub === 'login') {
  const mode = env.FAKE_CLAUDE_LOGIN || 'success';
  process.stdout.write('Opening browser to sign in\\u2026\\nIf the browser didn\\'t open, visit:\\n');
  setTimeout(() => {
    process.stdout.write('\\u001b[1mhttps://claude.ai/oauth/authorize?code=true&login_hint=a%40example.com\\u001b[0m\\nPaste code here if prompted > ');
    if (mode === 'success') setTimeout(() => { process.stdout.write('Login successful.\\n'); }, 50);
    else if (mode === 'fail') setTimeout(() => { process.stderr.write('OAuth error: sk-ant-ort01-test-leak\\n'); process.exit(1); }, 50);
    else if (mode === 'code') {
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', (d) => { if (d.trim() === 'the-code') { process.stdout.write('Login successful.\\n'); process.exit(0); } else process.exit(2); });
    } else hang();
  }, 30);
} else {
  process.stderr.write('unknown command\\n');
  process.exitCode = 64;
}
`;

/** Writes the stand-in into a fresh temp dir as `claude`; returns its path and a cleanup. */
export function makeStandInClaude(): { dir: string; bin: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'qb-stand-in-claude-'));
  const bin = join(dir, 'claude');
  writeFileSync(bin, `#!${process.execPath}\n${SCRIPT}`);
  chmodSync(bin, 0o755);
  return { dir, bin, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
