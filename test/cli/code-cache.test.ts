/**
 * The CLI bundle's V8 code cache (shared/cli/code-cache): the built `quota-broker` as a process, whose
 * `QUOTA_BROKER_CODE_CACHE_REPORT` line on stderr says whether this start used, rejected or wrote it.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCodeCacheDir } from '../../shared/cli/code-cache/cache-dir';
import { formatCacheFile, getCacheFileName } from '../../shared/cli/code-cache/load-cli';
import { runCli } from '../support/run-cli';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'qb-code-cache-'));
  mkdirSync(join(root, 'home'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const envFor = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: join(root, 'home'),
  QUOTA_BROKER_HOME: join(root, 'state'),
  XDG_CACHE_HOME: join(root, 'cache'),
  NO_COLOR: '1',
  QUOTA_BROKER_CODE_CACHE_REPORT: '1',
  ...extra,
});
const cacheDir = () => join(root, 'cache', 'quota-broker');
const cacheFiles = () => readdirSync(cacheDir()).filter((f) => f.endsWith('.v8cache'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  report: { mode: string; used?: boolean; rejected?: boolean; file?: string; reason?: string };
}
async function run(args: string[], env = envFor()): Promise<Run> {
  const r = await runCli(args, env);
  const line = r.stderr.split('\n').find((l) => l.startsWith('code cache: '));
  if (!line) throw new Error(`no code cache report on stderr: ${r.stderr}`);
  const stderr = r.stderr.replace(`${line}\n`, '');
  return { code: r.code, stdout: r.stdout, stderr, report: JSON.parse(line.slice('code cache: '.length)) };
}
const shown = (r: Run) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

describe('the CLI code cache', () => {
  it('is written by the first start and used by the next, with the same output as without it', async () => {
    for (const args of [['--help'], ['status', '--json'], ['slots', 'list'], ['status', '--bogus']]) {
      const plain = await run(args, envFor({ QUOTA_BROKER_CODE_CACHE: '0' }));
      expect(plain.report.mode).toBe('off');
      rmSync(join(root, 'cache'), { recursive: true, force: true });
      const first = await run(args);
      const second = await run(args);
      expect(first.report).toMatchObject({ mode: 'cached-data', used: false });
      expect(second.report).toMatchObject({ mode: 'cached-data', used: true, rejected: false });
      expect(shown(first)).toEqual(shown(plain));
      expect(shown(second)).toEqual(shown(plain));
    }
    expect(cacheFiles()).toHaveLength(1);
  });

  it('rebuilds a cache V8 rejects, and drops the cache of another bundle or node version', async () => {
    await run(['--version']);
    const [name] = cacheFiles();
    writeFileSync(join(cacheDir(), name), formatCacheFile(['--version'], Buffer.from('not V8 data at all')));
    const stale = getCacheFileName(Buffer.from('an older bundle'), 'v20.0.0', process.arch);
    writeFileSync(join(cacheDir(), stale), 'an old node version’s cache', { mode: 0o600 });
    const rejected = await run(['--version']);
    expect(rejected.report).toMatchObject({ used: false, rejected: true });
    expect(rejected.stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(readFileSync(join(cacheDir(), name), 'utf8')).not.toContain('not V8 data at all');
    expect(cacheFiles()).toEqual([name]);
    expect((await run(['--version'])).report).toMatchObject({ used: true, rejected: false });
  });

  it('grows by each command that had not run with it, then stays as it is', async () => {
    await run(['--version']);
    const [name] = cacheFiles();
    const size = () => readFileSync(join(cacheDir(), name)).length;
    const header = () => readFileSync(join(cacheDir(), name), 'utf8').split('\n')[0];
    const small = size();
    expect((await run(['status', '--json'])).report).toMatchObject({ used: true });
    expect(header()).toBe('{"commands":["--version","status"]}');
    // The status path's functions are in it now.
    expect(size()).toBeGreaterThan(small);
    const grown = readFileSync(join(cacheDir(), name));
    await run(['status', '--json']);
    await run(['--version']);
    expect(readFileSync(join(cacheDir(), name)).equals(grown)).toBe(true);
  });

  it('is harmless where it cannot be kept: a file in the way, a dir others can write', async () => {
    const expected = shown(await run(['--help'], envFor({ QUOTA_BROKER_CODE_CACHE: '0' })));
    writeFileSync(join(root, 'cache'), 'a file where the cache dir would be');
    const blocked = await run(['--help']);
    expect(blocked.report.mode).toBe('off');
    expect(shown(blocked)).toEqual(expected);

    rmSync(join(root, 'cache'));
    mkdirSync(cacheDir(), { recursive: true });
    chmodSync(cacheDir(), 0o777);
    const shared = await run(['--help']);
    expect(shared.report.mode).toBe('off');
    expect(shown(shared)).toEqual(expected);
    expect(readdirSync(cacheDir())).toEqual([]);
  });
});

describe('getCodeCacheDir', () => {
  it('follows XDG_CACHE_HOME, else the platform cache dir, else nothing', () => {
    const none = () => {
      throw new Error('no passwd entry');
    };
    expect(getCodeCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/h' }, 'linux', none)).toBe(
      '/x/cache/quota-broker',
    );
    expect(getCodeCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/h' }, 'linux', none)).toBe(
      '/h/.cache/quota-broker',
    );
    expect(getCodeCacheDir({ HOME: '/Users/me' }, 'darwin', none)).toBe(
      '/Users/me/Library/Caches/quota-broker',
    );
    expect(getCodeCacheDir({}, 'linux', () => '/home/me')).toBe('/home/me/.cache/quota-broker');
    expect(getCodeCacheDir({}, 'linux', none)).toBeNull();
    expect(getCodeCacheDir({}, 'linux', () => '')).toBeNull();
  });

  it('keys the cache by node version, architecture and the bundle’s bytes (a same-size edit too)', () => {
    const bundle = Buffer.from('console.log("0.1.0")');
    const sameSize = Buffer.from('console.log("9.9.9")');
    expect(sameSize.length).toBe(bundle.length);
    const names = new Set([
      getCacheFileName(bundle, 'v20.19.0', 'x64'),
      getCacheFileName(bundle, 'v20.20.2', 'x64'),
      getCacheFileName(bundle, 'v20.20.2', 'arm64'),
      getCacheFileName(sameSize, 'v20.20.2', 'x64'),
    ]);
    expect(names.size).toBe(4);
    expect(getCacheFileName(Buffer.from(bundle), 'v20.20.2', 'x64')).toBe(
      getCacheFileName(bundle, 'v20.20.2', 'x64'),
    );
  });
});
