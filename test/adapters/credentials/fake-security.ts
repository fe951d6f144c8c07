/** Sets up the fake `security` tool (security-tool-fake.mjs) in a temp dir for keychain store tests. */
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FAKE_SCRIPT = fileURLToPath(new URL('./security-tool-fake.mjs', import.meta.url));

export interface FakeSecurity {
  /** Pass as `securityPath`. */
  path: string;
  dir: string;
  /** argv of every call so far, in order. */
  calls(): Promise<string[][]>;
  /** The commands `security -i` read on stdin so far, each split into words as security does. */
  stdinCommands(): Promise<string[][]>;
  setMode(mode: '' | 'locked' | 'sleep' | 'fail'): Promise<void>;
  /** Raw bytes of every stored item, keyed `account@@service`. */
  items(): Promise<Record<string, string>>;
  /** Stores an item directly, as Claude Code would have. */
  putItem(account: string, service: string, value: string): Promise<void>;
}

export async function createFakeSecurity(): Promise<FakeSecurity> {
  const dir = await mkdtemp(join(tmpdir(), 'qb-fake-security-'));
  const path = join(dir, 'security');
  // exec: the store's timeout kills node itself, leaving no orphan holding the pipes open.
  await writeFile(
    path,
    `#!/bin/sh\nFAKE_SECURITY_DIR='${dir}' exec '${process.execPath}' '${FAKE_SCRIPT}' "$@"\n`,
  );
  await chmod(path, 0o755);
  return {
    path,
    dir,
    async calls() {
      const text = await readFile(join(dir, 'calls.jsonl'), 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]);
    },
    async stdinCommands() {
      const text = await readFile(join(dir, 'stdin.jsonl'), 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]);
    },
    setMode: (mode) => writeFile(join(dir, 'mode'), mode),
    async items() {
      const names = await readdir(join(dir, 'items')).catch(() => [] as string[]);
      const out: Record<string, string> = {};
      for (const name of names) {
        const [a, s] = name.split('@@').map(decodeURIComponent);
        out[`${a}@@${s}`] = await readFile(join(dir, 'items', name), 'utf8');
      }
      return out;
    },
    async putItem(account, service, value) {
      await mkdir(join(dir, 'items'), { recursive: true });
      await writeFile(
        join(dir, 'items', `${encodeURIComponent(account)}@@${encodeURIComponent(service)}`),
        value,
      );
    },
  };
}
