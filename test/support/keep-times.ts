/**
 * A file's access and modification times to the nanosecond, to put back after an edit: what a file
 * system with coarse timestamps leaves when two writes land in the same tick. `touch -r` copies them
 * exactly (node's utimes takes seconds as a double, which loses the nanoseconds).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export function keepTimes(file: string): { restore(target: string): void } {
  const ref = `${file}.times`;
  execFileSync('touch', ['-r', file, ref]);
  return {
    restore(target) {
      execFileSync('touch', ['-r', ref, target]);
      rmSync(ref, { force: true });
    },
  };
}
