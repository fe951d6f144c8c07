/**
 * The demo page's states (`demo.html?scenario=…`), each built from the demo cache: the screenshots in
 * docs/ (scripts/screenshots.mjs) show these.
 */
import type { CacheSlot } from '../../shared/domain/types';
import type { QuotaState } from '../../shared/ipc/contract';
import { createDemoState } from '../dev-fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const TEN = 10;

/** The demo state with only `ids` of its slots (in that order), changed by `patch`. */
function only(
  state: QuotaState,
  ids: string[],
  recommended: string | null,
  patch: Record<string, Partial<CacheSlot>> = {},
): QuotaState {
  if (!state.cache) return state;
  const all = state.cache.slots;
  const slots = Object.fromEntries(ids.map((id) => [id, { ...all[id], ...patch[id] }]));
  return { ...state, cache: { ...state.cache, slots, recommended } };
}

/** The state for `name`; null means the host never answers (loading). */
export function createDemoScenario(name: string | null, now: number): QuotaState | null {
  const state = createDemoState(now);
  const cache = state.cache;
  if (!cache) return state;
  switch (name) {
    case 'loading':
      return null;
    case 'empty':
      return { ...state, cache: { ...cache, slots: {}, recommended: null } };
    case 'ok':
      return only(state, ['personal', 'work', 'client-b'], 'personal');
    case 'rate-limited':
      return only(state, ['client-a', 'side-project', 'personal'], 'personal');
    case 'dead':
      return only(state, ['slot-5', 'personal'], 'personal');
    case 'pace':
      // Work burns its week fast: on this pace the weekly window runs out two days before it resets.
      return only(state, ['work', 'personal'], 'personal', {
        work: {
          five_hour: { utilization: 46, resets_at: iso(now + 3 * HOUR + 10 * MIN) },
          seven_day: { utilization: 82, resets_at: iso(now + 3 * DAY) },
        },
      });
    case 'all-inactive': {
      // Every login died about 20 minutes ago: nothing has been fetched since.
      const slots = Object.fromEntries(
        ['work', 'personal', 'slot-5'].map((id) => {
          const slot = cache.slots[id];
          const fetched = Math.min(slot.last_fetched ?? now, now - 25 * MIN);
          return [
            id,
            {
              ...slot,
              status: 'inactive' as const,
              health: 'login_dead' as const,
              last_fetched: fetched,
              last_attempt: now - 20 * MIN,
              next_attempt_at: null,
              last_error: {
                kind: 'login_dead' as const,
                message: `Claude Code could not refresh this login (the refresh token is dead); re-login needed. Run: quota-broker relogin ${id}`,
                at: now - 20 * MIN,
              },
            },
          ];
        }),
      );
      return { ...state, cache: { ...cache, slots, all_inactive: true, recommended: null } };
    }
    case 'ten': {
      // Exactly ten (the benchmark's render-time budget counts ten rows): the demo's slots, then copies.
      const entries = Object.entries(cache.slots);
      const slots = Object.fromEntries(
        [...entries, ...entries]
          .slice(0, TEN)
          .map(([id, slot], i) => [i < entries.length ? id : `${id}-2`, slot]),
      );
      return { ...state, cache: { ...cache, slots } };
    }
    default:
      return state;
  }
}
