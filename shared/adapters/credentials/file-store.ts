/**
 * `<config_dir>/.credentials.json`, where Claude Code keeps its login on Linux and other non-macOS systems
 * (interop doc "Where the tokens are"). Written atomically with mode 0600, as Claude Code writes it.
 */
import { join } from 'node:path';
import {
  type CredentialStore,
  CredentialStoreError,
  type CredentialStoreErrorCode,
} from '../../ports/credential-store';
import type { FileSystem } from '../../ports/file-system';
import { PRIVATE_FILE_MODE, readTextIfExists, writeFileAtomic } from '../fs/atomic-write';
import { getErrorCode, nodeFileSystem } from '../fs/node-file-system';

export const CREDENTIALS_FILE_NAME = '.credentials.json';

export interface FileStoreOptions {
  /** File system to use; reliability tests inject a full or read-only disk. Default: node:fs. */
  fs?: FileSystem;
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
        return await readTextIfExists(path, fs);
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
      default:
        return ['io', 'unexpected file error'];
    }
  })();
  return new CredentialStoreError(`${what}: ${hint} (${errno}).`, code);
}
