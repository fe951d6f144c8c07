/**
 * The FileSystem port with the trust rule in front (state-trust.ts): a write into the state dir, or to
 * the registry and its temp files, first checks that the state dir (and, for the registry, the registry)
 * is the user's own and writable by nobody else, and otherwise fails with {@link UntrustedPathError} —
 * one sentence the cycle's write error, `refresh` and doctor pass on. Checked on every write (a stat):
 * a `chmod go-w` fixes a running daemon without a restart. Reads and other paths pass through.
 */
import { basename, dirname, resolve, sep } from 'node:path';
import type { FileSystem } from '../../ports/file-system';
import { getProcessUid, getStateTrustProblems, type TrustProblem, UntrustedPathError } from './state-trust';

/** Wraps `fs` so that writes under `paths.stateDir` and to `paths.registry` obey the trust rule. */
export function guardStateWrites(
  fs: FileSystem,
  paths: { stateDir: string; registry: string },
  uid: number | null = getProcessUid(),
): FileSystem {
  if (uid === null) return fs;
  const stateDir = resolve(paths.stateDir);
  const registry = resolve(paths.registry);
  const isUnder = (p: string) => p === stateDir || p.startsWith(stateDir + sep);
  const isRegistryFile = (p: string) =>
    dirname(p) === dirname(registry) && (p === registry || basename(p).startsWith(`.${basename(registry)}.`));
  const check = (path: string) => {
    const p = resolve(path);
    const underState = isUnder(p);
    const registryFile = isRegistryFile(p);
    if (!underState && !registryFile) return;
    const relevant = (problem: TrustProblem) => (problem.what === 'state dir' ? underState : registryFile);
    const problem = getStateTrustProblems(paths, uid).find(relevant);
    if (problem) throw new UntrustedPathError(problem);
  };
  const guarded = <A extends unknown[], R>(op: (path: string, ...rest: A) => R) =>
    ((path: string, ...rest: A): R => {
      check(path);
      return op(path, ...rest);
    }) as (path: string, ...rest: A) => R;
  return {
    ...fs,
    // After creating too: the directory that now exists is the one judged.
    async mkdirp(path, mode) {
      check(path);
      await fs.mkdirp(path, mode);
      check(path);
    },
    mkdirpSync(path, mode) {
      check(path);
      fs.mkdirpSync(path, mode);
      check(path);
    },
    writeNewFile: guarded(fs.writeNewFile),
    writeNewFileSync: guarded(fs.writeNewFileSync),
    async rename(from, to) {
      check(to);
      await fs.rename(from, to);
    },
    renameSync(from, to) {
      check(to);
      fs.renameSync(from, to);
    },
    appendSync: guarded(fs.appendSync),
    truncateSync: guarded(fs.truncateSync),
  };
}
