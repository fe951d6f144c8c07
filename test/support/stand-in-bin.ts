/**
 * Stand-in executables for black-box tests: a private bin dir put first on PATH holding scripts named like
 * the real tools (crontab, systemctl, launchctl, claude). Each call's arguments can be logged to a file.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StandInBin {
  dir: string;
  /** PATH with the stand-in dir first. */
  path: string;
  /** Writes an executable `name` with a POSIX sh body. */
  add(name: string, body: string): string;
  /** A tool that appends its arguments to `<dir>/<name>.calls` and exits with `code` after printing `stdout`/`stderr`. */
  addRecorder(name: string, opts?: { stdout?: string; stderr?: string; code?: number }): string;
  /** Lines logged by a recorder. */
  calls(name: string): string[];
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Creates `<parent>/stand-in-bin`. */
export function createStandInBin(parent: string): StandInBin {
  const dir = join(parent, 'stand-in-bin');
  mkdirSync(dir, { recursive: true });
  const add = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  };
  return {
    dir,
    path: `${dir}:${process.env.PATH ?? ''}`,
    add,
    addRecorder: (name, opts = {}) =>
      add(
        name,
        [
          `echo "$*" >> ${quote(join(dir, `${name}.calls`))}`,
          opts.stdout != null ? `printf '%s\\n' ${quote(opts.stdout)}` : '',
          opts.stderr != null ? `printf '%s\\n' ${quote(opts.stderr)} >&2` : '',
          `exit ${opts.code ?? 0}`,
        ].join('\n'),
      ),
    calls: (name) => {
      try {
        return readFileSync(join(dir, `${name}.calls`), 'utf8')
          .split('\n')
          .filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}
