/**
 * Runs the CLI bundle (dist/cli.cjs) with a V8 code cache, so a process does not compile ~700 kB of
 * JavaScript from scratch on every start (docs/ARCHITECTURE.md "Code cache"). Node ≥ 22: Node's own
 * `module.enableCompileCache(dir)`. Node 20: `vm.Script` with `cachedData`, written once at exit when
 * there was none or V8 rejected it. Every failure (no home, a read-only or foreign dir) falls back to a
 * plain `require`: the cache only ever saves time.
 */
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';

/** What happened to the cache on this start (for tests and the bench). */
export type CodeCacheOutcome =
  | { mode: 'off'; reason: string }
  | { mode: 'compile-cache'; dir: string }
  | { mode: 'cached-data'; file: string; used: boolean; rejected: boolean };

/** Set to `0` to run the bundle without any code cache. */
export const CODE_CACHE_ENV = 'QUOTA_BROKER_CODE_CACHE';

const CACHE_PREFIX = 'cli-';
const CACHE_SUFFIX = '.v8cache';

/**
 * The cache file for this bundle and this node: the bundle's size, mtime and inode (a rebuild or an
 * upgrade changes them) and node's version and architecture (V8's data is never valid across them) are
 * in the name, so a stale cache is simply never opened; V8 still checks its own version, flags and the
 * source length, and a rejection rebuilds the file.
 */
export function getCacheFileName(
  bundle: { size: number; mtimeMs: number; ino: number },
  nodeVersion: string,
  arch: string,
): string {
  const key = [nodeVersion, arch, bundle.size, Math.trunc(bundle.mtimeMs), bundle.ino].join('-');
  return `${CACHE_PREFIX}${key}${CACHE_SUFFIX}`;
}

/** Ours and private: a dir or file someone else owns or can write is not trusted with code. */
function isPrivate(st: { uid: number; mode: number }): boolean {
  const uid = process.getuid?.();
  return (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
}

function prepareDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    return st.isDirectory() && isPrivate(st);
  } catch {
    return false;
  }
}

function readCache(file: string): Buffer | undefined {
  try {
    const fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      return isPrivate(statSync(file)) ? readFileSync(fd) : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically and removes caches of other bundles or nodes; silent on any failure. */
function writeCache(dir: string, name: string, data: Buffer): void {
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(dir, name));
    for (const other of readdirSync(dir)) {
      if (other !== name && other.startsWith(CACHE_PREFIX) && other.endsWith(CACHE_SUFFIX))
        unlinkSync(join(dir, other));
    }
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing was written.
    }
  }
}

/** Compiles `bundle` as CommonJS (what `require` does) with V8 cached data from `dir`; runs nothing. */
function compileWithCachedData(bundle: string, dir: string): { script: Script; outcome: CodeCacheOutcome } {
  const st = statSync(bundle);
  const name = getCacheFileName(st, process.version, process.arch);
  const file = join(dir, name);
  const cachedData = readCache(file);
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData,
    // The bundle's `import('keytar')` resolves as it would under `require`.
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const rejected = cachedData !== undefined && script.cachedDataRejected === true;
  if (cachedData === undefined || rejected) {
    // At exit the script holds every function this run compiled, not only the top level.
    process.once('exit', () => writeCache(dir, name, script.createCachedData()));
  }
  return {
    script,
    outcome: { mode: 'cached-data', file, used: cachedData !== undefined && !rejected, rejected },
  };
}

/** Runs a compiled CommonJS wrapper as the module `bundle`. */
function runScript(script: Script, bundle: string): void {
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, dirname(bundle));
}

/**
 * Loads and runs the CLI bundle at `bundle` with the best code cache this node offers in `dir` (null:
 * none). Never throws because of the cache; an error of the bundle itself propagates as from `require`.
 */
export function loadCli(bundle: string, dir: string | null, env: NodeJS.ProcessEnv): CodeCacheOutcome {
  const off = (reason: string): CodeCacheOutcome => {
    require(bundle);
    return { mode: 'off', reason };
  };
  if (env[CODE_CACHE_ENV] === '0') return off(`${CODE_CACHE_ENV}=0`);
  if (dir == null) return off('no cache dir');
  if (!prepareDir(dir)) return off(`${dir} cannot be used`);
  const enable = (Module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (enable) {
    // Node ≥ 22 keys, checks and flushes its own cache (per node version and file content).
    enable(join(dir, 'node-compile-cache'));
    require(bundle);
    return { mode: 'compile-cache', dir };
  }
  let compiled: ReturnType<typeof compileWithCachedData>;
  try {
    compiled = compileWithCachedData(bundle, dir);
  } catch (e) {
    // Nothing ran yet (an unreadable bundle, a vm failure): the ordinary way, which reports its own errors.
    return off(`vm: ${(e as Error).message}`);
  }
  runScript(compiled.script, bundle);
  return compiled.outcome;
}
