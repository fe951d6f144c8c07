/**
 * Runs the CLI bundle (dist/cli.cjs) with a V8 code cache, so a process does not compile ~700 kB of
 * JavaScript from scratch on every start (docs/ARCHITECTURE.md "How a CLI process starts"). Node ≥ 22:
 * Node's own `module.enableCompileCache(dir)`. Node 20: `vm.Script` with `cachedData`, written at exit
 * when there was none, V8 rejected it, or this command had not run with it yet. Every failure (no home,
 * a read-only or foreign dir) falls back to a plain `require`: the cache only ever saves time.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
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

/** A file this module wrote: the commands line, then V8's data (for tests). */
export function formatCacheFile(commands: string[], data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify({ commands })}\n`), data]);
}

/** Set to `0` to run the bundle without any code cache. */
export const CODE_CACHE_ENV = 'QUOTA_BROKER_CODE_CACHE';

const CACHE_PREFIX = 'cli-';
const CACHE_SUFFIX = '.v8cache';

/**
 * The cache file for this bundle and this node: a hash of the bundle's bytes (V8 itself compares only the
 * source's length, so a same-size edit must change the name) and node's version and architecture (V8's
 * data is never valid across them) are in the name, so a stale cache is simply never opened; V8 still
 * checks its own version and flags, and a rejection rebuilds the file.
 */
export function getCacheFileName(source: Buffer, nodeVersion: string, arch: string): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 20);
  return `${CACHE_PREFIX}${[nodeVersion, arch, hash].join('-')}${CACHE_SUFFIX}`;
}

/** Ours and private: a dir or file someone else owns or can write is not trusted with code. */
function isPrivate(st: { uid: number; mode: number }): boolean {
  const uid = process.getuid?.();
  return (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
}

function prepareDir(dir: string): boolean {
  try {
    // The dir exists on every start but the first.
    let st = lstatSync(dir, { throwIfNoEntry: false });
    if (!st) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      st = lstatSync(dir);
    }
    return st.isDirectory() && isPrivate(st);
  } catch {
    return false;
  }
}

/**
 * The cache file: one JSON line naming the commands whose runs it holds, then V8's data. V8 only puts
 * functions that ran in it; a cache written by `--version` lacks the refresh path (measured: the cache
 * parse alone then costs ~70 ms more to compile), so each new command adds its functions once.
 */
interface CacheFile {
  commands: string[];
  data: Buffer;
}

function readCache(file: string): CacheFile | undefined {
  try {
    const fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      if (!isPrivate(fstatSync(fd))) return undefined;
      const buf = readFileSync(fd);
      const eol = buf.indexOf(10);
      if (eol < 0) return undefined;
      const header = JSON.parse(buf.subarray(0, eol).toString('utf8')) as { commands?: unknown };
      if (!Array.isArray(header.commands)) return undefined;
      return { commands: header.commands.filter((c) => typeof c === 'string'), data: buf.subarray(eol + 1) };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically and removes caches of other bundles or nodes; silent on any failure. */
function writeCache(dir: string, name: string, cache: CacheFile): void {
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      writeSync(fd, formatCacheFile(cache.commands, cache.data));
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
  const source = readFileSync(bundle);
  const name = getCacheFileName(source, process.version, process.arch);
  const file = join(dir, name);
  const cached = readCache(file);
  const script = new Script(Module.wrap(source.toString('utf8')), {
    filename: bundle,
    cachedData: cached?.data,
    // The bundle's `import('keytar')` resolves as it would under `require`.
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const rejected = cached !== undefined && script.cachedDataRejected === true;
  const used = cached !== undefined && !rejected;
  const command = process.argv[2] ?? '';
  if (!used || !cached.commands.includes(command)) {
    // At exit the script holds every function this run compiled (and those it got from the cache).
    const commands = used ? [...cached.commands, command] : [command];
    process.once('exit', () => writeCache(dir, name, { commands, data: script.createCachedData() }));
  }
  return {
    script,
    outcome: { mode: 'cached-data', file, used, rejected },
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
