#!/usr/bin/env node
// A stand-in for macOS's /usr/bin/security, enough for the keychain store's tests on Linux.
// State lives in $FAKE_SECURITY_DIR: every call's argv is appended to calls.jsonl, every command read
// in interactive mode (`security -i`, one per stdin line, split as security.c's split_line does) to
// stdin.jsonl, items are files under items/, and an optional file `mode` makes it misbehave: `locked`
// (exit 36 as with a locked keychain), `sleep` (never answers), `fail` (exit 1).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.FAKE_SECURITY_DIR;
if (!dir) {
  process.stderr.write('fake security: FAKE_SECURITY_DIR is not set\n');
  process.exit(2);
}
let args = process.argv.slice(2);
appendFileSync(join(dir, 'calls.jsonl'), `${JSON.stringify(args)}\n`);

const modeFile = join(dir, 'mode');
const mode = existsSync(modeFile) ? readFileSync(modeFile, 'utf8').trim() : '';
if (mode === 'sleep') setTimeout(() => process.exit(0), 600_000);
else if (mode === 'locked') {
  process.stderr.write('security: SecKeychainItemCopyContent: User interaction is not allowed.\n');
  process.exit(36);
} else if (mode === 'fail') {
  process.stderr.write('security: something unexpected happened\n');
  process.exit(1);
} else if (args[0] === '-i') interactive();
else process.exit(run());

/** security.c's split_line: whitespace separates, '…' and "…" quote, backslash escapes. */
function splitLine(line) {
  const out = [];
  let word = null;
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') word += line[++i] ?? '';
      else if (ch === quote) {
        out.push(word);
        word = null;
        quote = null;
      } else word += ch;
    } else if (/\s/.test(ch)) {
      if (word !== null) out.push(word);
      word = null;
    } else if (word === null && (ch === '"' || ch === "'")) {
      quote = ch;
      word = '';
    } else if (ch === '\\') word = (word ?? '') + (line[++i] ?? '');
    else word = (word ?? '') + ch;
  }
  if (word !== null) out.push(word);
  return out;
}

/** `security -i` with stdin not a terminal: no prompt, each line run, the exit code is the last result. */
function interactive() {
  const input = readFileSync(0, 'utf8');
  let result = 0;
  for (const line of input.split('\n')) {
    if (line.length >= 4096) {
      process.stderr.write('fake security: line longer than security -i reads\n');
      process.exit(2);
    }
    const words = splitLine(line);
    if (words.length === 0) continue;
    appendFileSync(join(dir, 'stdin.jsonl'), `${JSON.stringify(words)}\n`);
    args = words;
    result = run();
    if (result !== 0) process.stderr.write(`${words[0]}: returned ${result}\n`);
  }
  process.exit(result);
}

function option(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function itemPath() {
  const account = option('-a');
  const service = option('-s');
  if (account === undefined || service === undefined) {
    process.stderr.write('usage: -a and -s are required\n');
    process.exit(2);
  }
  mkdirSync(join(dir, 'items'), { recursive: true });
  return join(dir, 'items', `${encodeURIComponent(account)}@@${encodeURIComponent(service)}`);
}

/** Runs one command (args) and returns its exit code. */
function run() {
  const command = args[0];
  if (command === 'find-generic-password' && args.includes('-w')) {
    const path = itemPath();
    if (!existsSync(path)) {
      process.stderr.write(
        'security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n',
      );
      return 44;
    }
    const value = readFileSync(path);
    // Like the real tool: a value with bytes outside printable ASCII is printed in hex.
    const printable = value.every((b) => b >= 0x20 && b < 0x7f);
    process.stdout.write(`${printable ? value.toString('utf8') : value.toString('hex')}\n`);
    return 0;
  }
  if (command === 'add-generic-password') {
    const path = itemPath();
    const hex = option('-X');
    if (hex === undefined) return 2;
    if (existsSync(path) && !args.includes('-U')) {
      process.stderr.write(
        'security: SecKeychainItemCreateFromContent: The specified item already exists in the keychain.\n',
      );
      return 45;
    }
    writeFileSync(path, Buffer.from(hex, 'hex'));
    return 0;
  }
  process.stderr.write(`fake security: unsupported command ${command}\n`);
  return 2;
}
