import { describe, expect, it } from 'vitest';
import { getSlotView, isCacheStale } from '../../../renderer/model/slot-view';
import { DAY, HOUR, MIN, makeCache, makeSlot, NOW } from '../fixtures';

describe('getSlotView', () => {
  it('names a slot by label, then email, then id', () => {
    const cache = makeCache({});
    expect(getSlotView('a', makeSlot({ label: 'Work', email: 'w@x' }), cache, NOW)).toMatchObject({
      name: 'Work',
      subtitle: 'w@x',
    });
    expect(getSlotView('a', makeSlot({ email: 'w@x' }), cache, NOW)).toMatchObject({
      name: 'w@x',
      subtitle: 'a',
    });
    expect(getSlotView('a', makeSlot({ email: null }), cache, NOW)).toMatchObject({
      name: 'a',
      subtitle: null,
    });
  });

  it('judges staleness by the slot’s own age, not the cache’s', () => {
    const cache = makeCache({}, { ts: NOW, stale_threshold_s: 600 });
    expect(getSlotView('a', makeSlot({ last_fetched: NOW - 9 * MIN }), cache, NOW).stale).toBe(false);
    expect(getSlotView('a', makeSlot({ last_fetched: NOW - 11 * MIN }), cache, NOW).stale).toBe(true);
    expect(getSlotView('a', makeSlot({ health: 'stale' }), cache, NOW).stale).toBe(true);
    expect(isCacheStale(cache, NOW)).toBe(false);
    expect(isCacheStale(cache, NOW + HOUR)).toBe(true);
  });

  it('offers re-login for dead or missing logins of enabled slots only', () => {
    const cache = makeCache({});
    expect(getSlotView('a', makeSlot({ health: 'login_dead' }), cache, NOW).needsLogin).toBe(true);
    expect(getSlotView('a', makeSlot({ health: 'no_credentials' }), cache, NOW).needsLogin).toBe(true);
    expect(getSlotView('a', makeSlot({ health: 'login_dead', enabled: false }), cache, NOW).needsLogin).toBe(
      false,
    );
    expect(getSlotView('a', makeSlot({ health: 'offline' }), cache, NOW).needsLogin).toBe(false);
  });

  it('reports a back-off only while it lasts', () => {
    const cache = makeCache({});
    expect(getSlotView('a', makeSlot({ next_attempt_at: NOW + MIN }), cache, NOW).nextAttemptAt).toBe(
      NOW + MIN,
    );
    expect(getSlotView('a', makeSlot({ next_attempt_at: NOW - MIN }), cache, NOW).nextAttemptAt).toBeNull();
  });

  it('warns about a login expiring within 3 days', () => {
    const cache = makeCache({});
    expect(
      getSlotView('a', makeSlot({ login_expires_at: NOW + 2 * DAY }), cache, NOW).loginExpiringSoon,
    ).toBe(true);
    expect(
      getSlotView('a', makeSlot({ login_expires_at: NOW + 4 * DAY }), cache, NOW).loginExpiringSoon,
    ).toBe(false);
    expect(getSlotView('a', makeSlot({ login_expires_at: null }), cache, NOW).loginExpiringSoon).toBe(false);
  });
});
