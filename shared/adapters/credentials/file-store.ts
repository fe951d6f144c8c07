/**
 * `<config_dir>/.credentials.json`, where Claude Code keeps its login on Linux and other non-macOS systems
 * (docs/claude-code.md "Where the tokens are"). Written atomically with mode 0600, as Claude Code writes it.
 */
import { join } from 'node:path';
import {
  type CredentialStore,
  CredentialStoreError,
  type CredentialStoreErrorCode,
} from '../../ports/credential-store';
import type { FileSystem } from '../../ports/file-system';
import { PRIVATE_FILE_MODE, writeFileAtomic } from '../fs/atomic-write';
import { getErrorCode, nodeFileSystem } from '../fs/node-file-system';
import { readBoundedFile } from '../fs/read-bounded';

export const CREDENTIALS_FILE_NAME = '.credentials.json';
/** Claude Code's credentials are under a kilobyte or two; anything past this is not its file. */
export const CREDENTIALS_MAX_BYTES = 1024 * 1024;
/** A local file answers in microseconds; past this the slot goes offline for this cycle. */
export const CREDENTIALS_READ_TIMEOUT_MS = 5_000;

export interface FileStoreOptions {
  /** File system to use; reliability tests inject a full or read-only disk. Default: node:fs. */
  fs?: FileSystem;
  /** How long a read may take (default {@link CREDENTIALS_READ_TIMEOUT_MS}). */
  readTimeoutMs?: number;
}

/** The credentials file of a config dir. */
export function getCredentialsFilePath(configDir: string): string {
  return join(configDir, CREDENTIALS_FILE_NAME);
}

/** Creates the file credential store. */
export function createFileStore(options: FileStoreOptions = {}): CredentialStore {
  const fs = options.fs ?? nodeFileSystem;
  return {
    kind: 'file',
    describe: (target) => getCredentialsFilePath(target.configDir),
    async readRaw(target) {
      const path = getCredentialsFilePath(target.configDir);
      try {
        // Only a regular file, bounded in size and time: a FIFO or a hung mount there makes this slot
        // offline with a sentence while the others go on.
        return await readBoundedFile(path, {
          maxBytes: CREDENTIALS_MAX_BYTES,
          timeoutMs: options.readTimeoutMs ?? CREDENTIALS_READ_TIMEOUT_MS,
          fs,
        });
      } catch (error) {
        throw toStoreError(error, `Could not read ${path}`);
      }
    },
    async writeRaw(target, text) {
      const path = getCredentialsFilePath(target.configDir);
      try {
        // The temp file is created 0600 before any byte is written, so no other user ever sees the tokens.
        // Claude Code's own file, which a dotfiles setup may link: written through the link on purpose.
        await writeFileAtomic(path, text, { mode: PRIVATE_FILE_MODE, fs, symlink: 'follow' });
      } catch (error) {
        throw toStoreError(error, `Could not write ${path}`);
      }
    },
  };
}

/** Maps node errors to a sentence naming the file (never its contents). */
function toStoreError(error: unknown, what: string): CredentialStoreError {
  const errno = getErrorCode(error) ?? 'no error code';
  const [code, hint]: [CredentialStoreErrorCode, string] = (() => {
    switch (errno) {
      case 'EACCES':
      case 'EPERM':
        return ['denied', 'permission denied; check the owner and mode of the file and its directory'];
      case 'EROFS':
        return ['io', 'the file system is read-only'];
      case 'ENOSPC':
      case 'EDQUOT':
        return ['io', 'the disk is full'];
      case 'EISDIR':
        return ['io', 'a directory is in the way'];
      case 'ENOTREG':
        return [
          'io',
          'it is not a regular file (a FIFO, device or directory); Claude Code keeps a plain file there',
        ];
      case 'EFBIG':
        return ['io', `it is larger than ${CREDENTIALS_MAX_BYTES / 1024} KB, which no credentials file is`];
      case 'ETIMEDOUT':
        return ['timeout', 'the read did not finish in time (a hung network mount?); retrying next cycle'];
      default:
        return ['io', 'unexpected file error'];
    }
  })();
  return new CredentialStoreError(`${what}: ${hint} (${errno}).`, code);
}
