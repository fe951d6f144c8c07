/**
 * Whether the state dir and the registry are the user's own (docs/contracts.md "Security"): a directory
 * or registry another local user owns or can write could make the broker run that user's
 * `notify_command`, or plant files the broker then writes. Both must belong to this process's user and
 * be writable by nobody else; otherwise the broker refuses to write there and to run `notify_command`,
 * and says why in one sentence (doctor names the owner and mode).
 */
import { type Stats, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why a path is not trusted. */
export interface TrustProblem {
  /** What it is, for the sentence. */
  what: 'state dir' | 'registry' | "registry's directory";
  path: string;
  /** Its owner's uid and its permission bits (mode & 0o7777). */
  owner: number;
  mode: number;
  /** This process's uid. */
  uid: number;
  reason: 'owner' | 'group-writable' | 'other-writable' | 'group-and-other-writable';
}

/** `0o755` → `"0755"`. */
export function formatMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/** The problem with `path` given its stats, or null when it is `uid`'s and writable by nobody else. */
export function judgeOwnership(
  what: TrustProblem['what'],
  path: string,
  stats: Pick<Stats, 'uid' | 'mode'>,
  uid: number,
): TrustProblem | null {
  const problem = (reason: TrustProblem['reason']): TrustProblem => ({
    what,
    path,
    owner: stats.uid,
    mode: stats.mode & 0o7777,
    uid,
    reason,
  });
  if (stats.uid !== uid) return problem('owner');
  const group = (stats.mode & 0o020) !== 0;
  const other = (stats.mode & 0o002) !== 0;
  if (group && other) return problem('group-and-other-writable');
  if (group) return problem('group-writable');
  if (other) return problem('other-writable');
  return null;
}

/** The user's id, or null where there is none to compare (Windows). */
export function getProcessUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

function statOrNull(path: string): Stats | null {
  return statSync(path, { throwIfNoEntry: false }) ?? null;
}

/**
 * The state dir's and the registry's problems (empty when both are fine, absent, or there is no uid to
 * compare). A registry outside the state dir is judged with its directory (someone who can write that
 * directory can replace the file).
 */
export function getStateTrustProblems(
  paths: { stateDir: string; registry: string },
  uid: number | null = getProcessUid(),
): TrustProblem[] {
  if (uid === null) return [];
  const problems: TrustProblem[] = [];
  const check = (what: TrustProblem['what'], path: string) => {
    const stats = statOrNull(path);
    const problem = stats ? judgeOwnership(what, path, stats, uid) : null;
    if (problem) problems.push(problem);
    return problem;
  };
  check('state dir', paths.stateDir);
  if (!check('registry', paths.registry)) {
    const dir = dirname(paths.registry);
    const stats = dir !== paths.stateDir ? statOrNull(dir) : null;
    // A shared directory with the sticky bit (/tmp) keeps others from replacing a file they do not own.
    const problem =
      stats && (stats.mode & 0o1000) === 0 ? judgeOwnership("registry's directory", dir, stats, uid) : null;
    if (problem && problem.reason !== 'owner') problems.push(problem);
  }
  return problems;
}

/** The sentence for a problem: what, why, and the fix. */
export function describeTrustProblem(p: TrustProblem): string {
  const refusal = 'the broker will not write there or run its notify_command';
  if (p.reason === 'owner') {
    const fix =
      p.what === 'state dir'
        ? 'point QUOTA_BROKER_HOME at a directory of your own'
        : 'point QUOTA_BROKER_SESSIONS at a file of your own';
    return `The ${p.what} ${p.path} belongs to uid ${p.owner}, not to you (uid ${p.uid}), so ${refusal}; ${fix}.`;
  }
  const who =
    p.reason === 'group-writable'
      ? 'its group'
      : p.reason === 'other-writable'
        ? 'others'
        : 'its group and others';
  return `The ${p.what} ${p.path} is writable by ${who} (mode ${formatMode(p.mode)}), so ${refusal}; run: chmod go-w ${p.path}`;
}

/** Thrown by the guarded file system for a write the trust rule refuses; `code` EUNTRUSTED. */
export class UntrustedPathError extends Error {
  readonly code = 'EUNTRUSTED';
  constructor(readonly problem: TrustProblem) {
    super(describeTrustProblem(problem));
    this.name = 'UntrustedPathError';
  }
}
