/**
 * The registry and the cache are parsed once per change for the whole process (parsed-file-memo.ts),
 * read through the same functions the engine, the host and `/api/state` use, on real files: a person's
 * edit is seen at once, a broken edit is still the located error, and no reader can change what another
 * reads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCache } from '../../../shared/adapters/cache-store';
import { loadRegistry } from '../../../shared/adapters/registry/registry-store';
import { keepTimes } from '../../support/keep-times';

const dir = mkdtempSync(join(tmpdir(), 'qb-registry-memo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const registry = (label: string) => `accounts:\n  - id: one\n    config_dir: /tmp/one\n    label: ${label}\n`;

async function labelOf(file: string) {
  const load = await loadRegistry(file);
  if (load.state !== 'ok') throw new Error(`not ok: ${load.state}`);
  return load.registry.slots[0]?.label;
}

describe('the registry, parsed once per change', () => {
  it('an edit of the same size within the same second is seen by the next read', async () => {
    const file = join(dir, `r${n++}.yaml`);
    writeFileSync(file, registry('Work'));
    const times = keepTimes(file);
    expect(await labelOf(file)).toBe('Work');
    expect(await labelOf(file)).toBe('Work');
    writeFileSync(file, registry('Home'));
    times.restore(file);
    expect(await labelOf(file)).toBe('Home');
  });

  it('a broken edit is the located error, and the fixed file reads again', async () => {
    const file = join(dir, `r${n++}.yaml`);
    writeFileSync(file, registry('Work'));
    expect(await labelOf(file)).toBe('Work');
    writeFileSync(file, `${registry('Work')}  - id: [unclosed\n`);
    const broken = await loadRegistry(file);
    expect(broken.state).toBe('error');
    if (broken.state === 'error') expect(broken.error.message).toMatch(new RegExp(`${file}:6:\\d+: `));
    // Read again unchanged: the same error (remembered), not a stale good registry.
    expect((await loadRegistry(file)).state).toBe('error');
    writeFileSync(file, registry('Fixed'));
    expect(await labelOf(file)).toBe('Fixed');
  });

  it('a reader that changes its registry does not change what the next reader gets', async () => {
    const file = join(dir, `r${n++}.yaml`);
    writeFileSync(file, registry('Work'));
    const first = await loadRegistry(file);
    if (first.state !== 'ok') throw new Error('not ok');
    first.registry.slots[0].label = 'Changed';
    first.registry.slots.push({ ...first.registry.slots[0], id: 'two' });
    const second = await loadRegistry(file);
    if (second.state !== 'ok') throw new Error('not ok');
    expect(second.registry.slots.map((s) => [s.id, s.label])).toEqual([['one', 'Work']]);
  });
});

describe('the cache, parsed once per change', () => {
  const cache = (ts: number) =>
    `${JSON.stringify({ version: 1, ts, slots: { one: { email: 'a@example.com', status: 'active', last_fetched: ts } } })}\n`;

  it('a rewrite of the same size is seen, and a reader cannot change another reader’s cache', async () => {
    const file = join(dir, `c${n++}.json`);
    writeFileSync(file, cache(1770000000000));
    const first = await readCache(file);
    if (first.state !== 'ok') throw new Error(`not ok: ${first.state}`);
    expect(first.cache.ts).toBe(1770000000000);
    first.cache.slots.one.email = 'changed@example.com';
    const times = keepTimes(file);
    writeFileSync(file, cache(1770000000001));
    times.restore(file);
    const second = await readCache(file);
    if (second.state !== 'ok') throw new Error(`not ok: ${second.state}`);
    expect(second.cache.ts).toBe(1770000000001);
    expect(second.cache.slots.one.email).toBe('a@example.com');
  });

  it('a garbage cache is an error value, then the good one reads', async () => {
    const file = join(dir, `c${n++}.json`);
    writeFileSync(file, '{"version": 1, "ts": ');
    expect((await readCache(file)).state).toBe('error');
    writeFileSync(file, cache(5));
    expect(await readCache(file)).toMatchObject({ state: 'ok', cache: { ts: 5 } });
  });
});
