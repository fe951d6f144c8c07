/**
 * Watching the files a UI shows for other processes' changes: which directories and names, one call per
 * burst naming only the files that matter, and a directory that appears or is replaced later.
 */
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/adapters/file-logger';
import { getBrokerPaths } from '../../shared/adapters/paths';
import { createStateWatcher, getWatchTargets, type StateWatcher } from '../../shared/host/state-watcher';

let root: string;
let watcher: StateWatcher | undefined;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'qb-watch-'));
});
afterEach(() => {
  watcher?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A watcher on `stateDir`'s targets whose bursts are collected in order. */
function watchState(stateDir: string) {
  const paths = getBrokerPaths({ QUOTA_BROKER_HOME: stateDir }, root);
  const bursts: string[][] = [];
  watcher = createStateWatcher({
    targets: getWatchTargets(paths),
    debounceMs: 20,
    logger: createMemoryLogger(),
    onChange: (changed) => bursts.push([...changed].map((p) => String(p)).sort()),
  });
  return {
    paths,
    bursts,
    watch: () => watcher?.arm(),
    next: (n: number) => waitFor(() => bursts.length >= n),
  };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (const end = Date.now() + 5_000; !check(); ) {
    if (Date.now() > end) throw new Error('timed out waiting for a burst of changes');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the state watcher', () => {
  it('watches the state dir, and the registry’s own directory when it lives elsewhere', () => {
    const state = join(root, 'state');
    expect(getWatchTargets(getBrokerPaths({ QUOTA_BROKER_HOME: state }, root))).toEqual([
      {
        dir: state,
        names: new Set(['merged-quota-cache.json', 'broker.json', 'broker.lock', 'claude-sessions.yaml']),
      },
    ]);
    const registry = join(root, 'elsewhere', 'sessions.yaml');
    expect(
      getWatchTargets(getBrokerPaths({ QUOTA_BROKER_HOME: state, QUOTA_BROKER_SESSIONS: registry }, root)),
    ).toEqual([
      { dir: state, names: new Set(['merged-quota-cache.json', 'broker.json', 'broker.lock']) },
      { dir: join(root, 'elsewhere'), names: new Set(['sessions.yaml']) },
    ]);
  });

  it('reports a burst of writes once, naming only the files a UI shows', async () => {
    const state = join(root, 'state');
    mkdirSync(state);
    const w = watchState(state);
    w.watch();
    appendFileSync(join(state, 'broker.log'), 'a log line\n');
    writeFileSync(join(state, 'engine-state.json'), '{}');
    writeFileSync(join(state, '.merged-quota-cache.json.tmp-1'), '{"ts":1}');
    renameSync(join(state, '.merged-quota-cache.json.tmp-1'), w.paths.cache);
    await w.next(1);
    expect(w.bursts).toEqual([[w.paths.cache]]);
    appendFileSync(join(state, 'broker.log'), 'another line\n');
    writeFileSync(w.paths.registry, 'accounts: []\n');
    await w.next(2);
    expect(w.bursts[1]).toEqual([w.paths.registry]);
  });

  it('picks up a state dir that appears later, or is deleted and made again', async () => {
    const state = join(root, 'state');
    const w = watchState(state);
    w.watch(); // not there yet: nothing to watch, no error
    mkdirSync(state);
    w.watch();
    writeFileSync(w.paths.cache, '{}');
    await w.next(1);
    rmSync(state, { recursive: true });
    mkdirSync(state);
    w.watch();
    writeFileSync(w.paths.brokerInfo, '{}');
    await waitFor(() => w.bursts.some((b) => b.includes(w.paths.brokerInfo)));
  });
});
