/**
 * A broken registry (an alias bomb; docs/RELIABILITY.md "Hostile inputs") seen from a UI host with the real daemon:
 * the cycles go on with the last good registry, the state carries the error for the dashboard's banner,
 * and "refresh now" does not answer ok while the registry is broken.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuotaHost, type QuotaHost } from '../../shared/host/quota-host';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { aliasBomb } from '../support/hostile-registry';
import type { TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';
import { createEngine, createTwoSlotHome } from './support';

let fake: FakeAnthropic;
let home: TempHome;
let host: QuotaHost | undefined;
beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTwoSlotHome(fake);
});
afterEach(async () => {
  await host?.stop();
  home.cleanup();
  await fake.close();
});

describe('a broken registry behind a UI host', () => {
  it('refresh now runs on the last good registry but answers the registry error, which the state carries', async () => {
    host = createQuotaHost({ engine: await createEngine(home), now: Date.now, surface: 'serve' });
    const h = host;
    await waitUntil(
      async () => (await h.getState()).ok && (await h.snapshot()).state.cache !== null,
      'the first cycle',
    );
    const good = await h.refreshNow();
    expect(good.ok).toBe(true);

    const text = readFileSync(home.registry, 'utf8');
    writeFileSync(home.registry, aliasBomb(text.slice(text.indexOf('accounts:'))));
    const before = (await h.snapshot()).state.cache?.ts ?? 0;
    const answer = await h.refreshNow();
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('registry');
    expect(answer.error.message).toMatch(
      new RegExp(
        `^Refreshed with the last good registry: ${home.registry}:2:\\d+: the slot registry expands its YAML aliases`,
      ),
    );
    const state = (await h.snapshot()).state;
    expect(state.registry_error).toContain(`${home.registry}:2:`);
    expect(state.cache?.ts).toBeGreaterThan(before);
    expect(Object.keys(state.cache?.slots ?? {}).sort()).toEqual(['slot-1', 'slot-2']);
  });
});
