#!/usr/bin/env node
// A stand-in for macOS's /usr/bin/security, enough for the keychain store's tests on Linux.
// State lives in $FAKE_SECURITY_DIR: every call's argv is appended to calls.jsonl, items are files under
// items/, and an optional file `mode` makes it misbehave: `locked` (exit 36 as with a locked keychain),
// `sleep` (never answers), `fail` (exit 1).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.FAKE_SECURITY_DIR;
if (!dir) {
  process.stderr.write('fake security: FAKE_SECURITY_DIR is not set\n');
  process.exit(2);
}
const args = process.argv.slice(2);
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
} else run();

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

function run() {
  const command = args[0];
  if (command === 'find-generic-password' && args.includes('-w')) {
    const path = itemPath();
    if (!existsSync(path)) {
      process.stderr.write(
        'security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n',
      );
      process.exit(44);
    }
    const value = readFileSync(path);
    // Like the real tool: a value with bytes outside printable ASCII is printed in hex.
    const printable = value.every((b) => b >= 0x20 && b < 0x7f);
    process.stdout.write(`${printable ? value.toString('utf8') : value.toString('hex')}\n`);
    process.exit(0);
  }
  if (command === 'add-generic-password') {
    const path = itemPath();
    const hex = option('-X');
    if (hex === undefined) process.exit(2);
    if (existsSync(path) && !args.includes('-U')) {
      process.stderr.write(
        'security: SecKeychainItemCreateFromContent: The specified item already exists in the keychain.\n',
      );
      process.exit(45);
    }
    writeFileSync(path, Buffer.from(hex, 'hex'));
    process.exit(0);
  }
  process.stderr.write(`fake security: unsupported command ${command}\n`);
  process.exit(2);
}
