/**
 * The dashboard and popover on an old writer's cache (test/fixtures/legacy-setup): every slot is shown
 * with what is known, its data's age and the cache's age; what the file does not say (health, config
 * dirs, writer) is unknown, never a crash.
 */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCacheValue } from '../../../shared/domain/schemas/cache';
import legacy from '../../fixtures/legacy-setup/merged-quota-cache.json';
import { createFakeApi } from '../fake-api';
import { freezeDateAt, inRow, renderApp } from '../render-app';

const HOUR = 3_600_000;
const NOW = legacy.ts + 11 * HOUR;

afterEach(cleanup);
freezeDateAt(NOW);

function oldState() {
  const parsed = parseCacheValue(structuredClone(legacy));
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    cache: parsed.cache,
    refreshing: false,
    broker: { role: 'none' as const, pid: null },
    registry_error: null,
    now: NOW,
  };
}

describe("App on an old writer's cache", () => {
  it('shows every slot with its age, health unknown, and the cache age', async () => {
    await renderApp(createFakeApi(oldState()));
    expect(screen.getByText(/The cache is 11h old/)).toBeTruthy();
    for (const [name, age] of [
      ['first@example.com', '3d old'],
      ['second@example.com', '2d old'],
      ['third@example.com', '22h old'],
    ]) {
      expect(inRow(name).getByText('unknown')).toBeTruthy();
      expect(inRow(name).getByText(age)).toBeTruthy();
    }
    // The old scripts marked two slots inactive: the one slot state says they need a login.
    expect(
      inRow('first@example.com').getByRole('button', { name: 'Re-login first@example.com' }),
    ).toBeTruthy();
    expect(inRow('third@example.com').queryByRole('button', { name: /Re-login/ })).toBeNull();
  });
});
