/**
 * A stand-in `claude` for the dashboard's re-login: `auth login --claudeai --email E` prints the sign-in
 * URL the way Claude Code 2.1.332 does, "signs in" after a pause by writing the credentials the test
 * prepared for E into `$CLAUDE_CONFIG_DIR/.credentials.json` (siblings kept), and exits 0.
 */
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long the stand-in "waits for the browser" before the login completes. */
export const SIGN_IN_DELAY_MS = 1_500;

const script = (logins: string) => `
const fs = require('node:fs');
const path = require('node:path');
const LOGINS = ${JSON.stringify(logins)};
const args = process.argv.slice(2);
const overrides = ['CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_API_KEY', 'CLAUDE_SECURESTORAGE_CONFIG_DIR'];
fs.appendFileSync(path.join(LOGINS, 'calls.jsonl'), JSON.stringify({
  argv: args,
  configDir: process.env.CLAUDE_CONFIG_DIR || null,
  overrides: overrides.filter((k) => k in process.env),
}) + '\\n');
if (args[0] === '--version') {
  process.stdout.write('2.1.332 (Claude Code)\\n');
} else if (args[0] === 'auth' && args[1] === 'status') {
  process.stdout.write(JSON.stringify({ loggedIn: true, authMethod: 'claude.ai' }) + '\\n');
} else if (args[0] === 'auth' && args[1] === 'login') {
  const email = args[args.indexOf('--email') + 1];
  process.stdout.write('Opening browser to sign in\\u2026\\nIf the browser didn\\'t open, visit:\\n');
  process.stdout.write('https://claude.ai/oauth/authorize?code=true&login_hint=' + encodeURIComponent(email) + '\\n');
  setTimeout(() => {
    const next = JSON.parse(fs.readFileSync(path.join(LOGINS, email + '.json'), 'utf8'));
    const file = path.join(process.env.CLAUDE_CONFIG_DIR, '.credentials.json');
    let doc = {};
    try { doc = JSON.parse(fs.readFileSync(file, 'utf8')); } catch {}
    doc.claudeAiOauth = Object.assign({}, doc.claudeAiOauth, next);
    fs.writeFileSync(file + '.tmp', JSON.stringify(doc, null, 2), { mode: 0o600 });
    fs.renameSync(file + '.tmp', file);
    process.stdout.write('Login successful.\\n');
  }, ${SIGN_IN_DELAY_MS});
} else {
  process.stderr.write('stand-in claude: unknown command\\n');
  process.exitCode = 64;
}
`;

export interface StandInCall {
  argv: string[];
  configDir: string | null;
  overrides: string[];
}

export interface LoginStandIn {
  /** Path for QUOTA_BROKER_CLAUDE. */
  bin: string;
  /** What the next `auth login --email <email>` writes. */
  prepare(email: string, tokens: { accessToken: string; refreshToken: string; expiresAt: number }): void;
  calls(): StandInCall[];
}

/** Writes the stand-in under `<parent>/stand-in-claude/`. */
export function createLoginStandIn(parent: string): LoginStandIn {
  const dir = join(parent, 'stand-in-claude');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const bin = join(dir, 'claude');
  writeFileSync(bin, `#!${process.execPath}\n${script(dir)}`);
  chmodSync(bin, 0o755);
  appendFileSync(join(dir, 'calls.jsonl'), '');
  return {
    bin,
    prepare: (email, tokens) =>
      writeFileSync(join(dir, `${email}.json`), JSON.stringify(tokens), { mode: 0o600 }),
    calls: () =>
      readFileSync(join(dir, 'calls.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StandInCall),
  };
}
