/**
 * The macOS login keychain, through `/usr/bin/security` exactly as Claude Code uses it
 * (docs/claude-code.md "Where the tokens are"). Reading through the same tool keeps the item's access list as
 * Claude Code leaves it, so macOS does not ask for the password after every Claude Code refresh.
 */

import {
  type CredentialStore,
  CredentialStoreError,
  type CredentialTarget,
} from '../../ports/credential-store';
import { keychainAccount, keychainServiceFor } from './keychain-naming';
import {
  getSafeStderr,
  runSecurity,
  SECURITY_PATH,
  SECURITY_TIMEOUT_MS,
  type SecurityOutcome,
} from './run-security';

/** `security` exit code for errSecItemNotFound. */
export const EXIT_ITEM_NOT_FOUND = 44;
/** `security` exit code for errSecInteractionNotAllowed: the keychain is locked and no UI may ask. */
export const EXIT_INTERACTION_NOT_ALLOWED = 36;
const LOCKED_PATTERN = /interaction (is )?not allowed/i;
const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})+$/;
const LOCKED_MESSAGE = 'The login keychain is locked; unlock it (security unlock-keychain) and retry.';

export interface KeychainStoreOptions {
  /** Path of the `security` tool; tests point it at a fake. Default `/usr/bin/security`. */
  securityPath?: string;
  /** Per-call timeout. Default 10 s. */
  timeoutMs?: number;
  /** Keychain account name. Default: `keychainAccount()` ($USER or the OS user). */
  account?: string;
  /**
   * A keychain file to use instead of the user's search list (`security` takes it as the last
   * argument). Only the macOS keychain suite sets it, to a throwaway keychain; the app never does.
   */
  keychain?: string;
}

/** argv for reading an item: `find-generic-password -a <account> -s <service> -w`. */
export function buildFindArgs(account: string, service: string): string[] {
  return ['find-generic-password', '-a', account, '-s', service, '-w'];
}

/**
 * The longest `add-generic-password` command line sent to `security -i` on stdin, as Claude Code does
 * (docs/claude-code.md "Where the tokens are"): Claude Code 2.1.332 writes its keychain items over stdin
 * when the whole line, newline included, is at most 4032 characters, and only above that falls back to
 * argv. `security -i` reads each line into a 4096-byte buffer (MAX_LINE_LEN in Apple's
 * SecurityTool/security.c); 4032 leaves it 64 bytes of headroom. The credentials JSON is ~500 bytes
 * (~1 KB of hex), so in practice every write goes over stdin.
 */
export const SECURITY_STDIN_MAX_CHARS = 4032;

/** argv for creating or updating an item: `add-generic-password -U -a <account> -s <service> -X <hex>`. */
export function buildAddArgs(account: string, service: string, json: string): string[] {
  return [
    'add-generic-password',
    '-U',
    '-a',
    account,
    '-s',
    service,
    '-X',
    Buffer.from(json, 'utf8').toString('hex'),
  ];
}

/**
 * One word of a `security -i` command line: double-quoted, with `\` and `"` escaped as its line parser
 * (split_line in security.c) reads them. A line break cannot be carried (it ends the line): null then.
 */
export function quoteInteractiveWord(word: string): string | null {
  if (/[\r\n\0]/.test(word)) return null;
  return `"${word.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * The line `security -i` reads on stdin for {@link buildAddArgs}'s command (plus the keychain file, when
 * one is named), exactly as Claude Code writes it: `add-generic-password -U -a "<account>" -s
 * "<service>" -X "<hex>"` and a newline. Null when a word cannot be put on one line.
 */
export function buildInteractiveAddLine(args: readonly string[]): string | null {
  const [command, ...rest] = args;
  const words: string[] = [command];
  for (const arg of rest) {
    // Flags bare, values quoted, as Claude Code writes it (quoting never changes the argv security sees).
    const quoted = /^-[A-Za-z]$/.test(arg) ? arg : quoteInteractiveWord(arg);
    if (quoted === null) return null;
    words.push(quoted);
  }
  return `${words.join(' ')}\n`;
}

/**
 * The stored value from `find-generic-password -w` output. `security` prints the value followed by a
 * newline, or the value in hex when it holds bytes it does not consider printable (e.g. non-ASCII UTF-8).
 * JSON never looks like hex (it starts with `{`), so a pure-hex answer is decoded.
 */
export function decodeFindOutput(stdout: string): string {
  const value = stdout.replace(/\r?\n$/, '');
  return HEX_PATTERN.test(value) ? Buffer.from(value, 'hex').toString('utf8') : value;
}

/** Creates the keychain credential store. */
export function createKeychainStore(options: KeychainStoreOptions = {}): CredentialStore {
  const securityPath = options.securityPath ?? SECURITY_PATH;
  const timeoutMs = options.timeoutMs ?? SECURITY_TIMEOUT_MS;
  const account = options.account ?? keychainAccount();
  const inKeychain = (args: string[]) => (options.keychain ? [...args, options.keychain] : args);
  const describeItem = (target: CredentialTarget) =>
    `keychain item "${keychainServiceFor(target)}" (account "${account}")`;

  return {
    kind: 'keychain',
    describe: describeItem,
    async readRaw(target) {
      const outcome = await runSecurity(
        securityPath,
        inKeychain(buildFindArgs(account, keychainServiceFor(target))),
        timeoutMs,
      );
      if (outcome.kind === 'exited' && outcome.exitCode === 0) return decodeFindOutput(outcome.stdout);
      if (outcome.kind === 'exited' && outcome.exitCode === EXIT_ITEM_NOT_FOUND) return null;
      throw toStoreError(outcome, `Could not read the ${describeItem(target)}`, securityPath, timeoutMs);
    },
    async writeRaw(target, text) {
      const args = inKeychain(buildAddArgs(account, keychainServiceFor(target), text));
      // Tokens never on a command line (exec auditing records argv): the command goes to `security -i`
      // on stdin, as Claude Code sends it; argv only where Claude Code uses it too, above the line limit.
      const line = buildInteractiveAddLine(args);
      if (line === null)
        throw new CredentialStoreError(
          `Could not write the ${describeItem(target)}: a line break in the account or keychain name cannot be passed to security.`,
          'io',
        );
      const outcome =
        line.length <= SECURITY_STDIN_MAX_CHARS
          ? await runSecurity(securityPath, ['-i'], timeoutMs, line)
          : await runSecurity(securityPath, args, timeoutMs);
      if (outcome.kind === 'exited' && outcome.exitCode === 0) return;
      throw toStoreError(outcome, `Could not write the ${describeItem(target)}`, securityPath, timeoutMs);
    },
  };
}

/** Turns a failed `security` run into a CredentialStoreError with a sentence (never the argv). */
function toStoreError(
  outcome: SecurityOutcome,
  what: string,
  securityPath: string,
  timeoutMs: number,
): CredentialStoreError {
  switch (outcome.kind) {
    case 'timeout':
      return new CredentialStoreError(
        `${what}: security did not answer within ${Math.round(timeoutMs / 1000)} s ` +
          '(a keychain dialog may be waiting for an answer); retry.',
        'timeout',
      );
    case 'spawn_failed':
      return outcome.errno === 'ENOENT'
        ? new CredentialStoreError(
            `${what}: ${securityPath} was not found; on this system set QUOTA_BROKER_CREDENTIALS=file.`,
            'unavailable',
          )
        : new CredentialStoreError(`${what}: could not run ${securityPath} (${outcome.errno}).`, 'io');
    case 'signalled':
      return new CredentialStoreError(`${what}: security was killed by ${outcome.signal}; retry.`, 'io');
    case 'exited': {
      const stderr = getSafeStderr(outcome.stderr);
      if (outcome.exitCode === EXIT_INTERACTION_NOT_ALLOWED || LOCKED_PATTERN.test(stderr)) {
        return new CredentialStoreError(`${what}. ${LOCKED_MESSAGE}`, 'locked');
      }
      const detail = stderr ? `: ${stderr}` : '';
      return new CredentialStoreError(
        `${what}: security exited with code ${outcome.exitCode}${detail}`,
        'io',
      );
    }
  }
}
