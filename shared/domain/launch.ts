/**
 * Launching Claude Code on a slot (docs/contracts.md "Launching Claude Code on a slot"): the command a
 * person copies, and whether `quota-broker run` goes ahead, warns or refuses. Every verdict comes from the
 * shared slot state (slot-state.ts); this file only words it for a launch. Pure: `now` is an argument.
 */
import { formatCountdown, parseIsoMs } from './format/duration';
import { getRecommendedSlot } from './recommend';
import { getSlotState, getSlotStateSettings, type SlotState } from './slot-state';
import type { CacheFile, CacheSlot, UsageWindow } from './types';

/** The command that starts Claude Code on a slot: what the popover, the dashboard and the README show. */
export function getLaunchCommand(id: string): string {
  return `quota-broker run ${id}`;
}

/** What `quota-broker run` does for a slot: go ahead, go ahead with a warning, or refuse. */
export type LaunchVerdict =
  | { kind: 'go' }
  | { kind: 'warn'; message: string }
  | { kind: 'refuse'; message: string };

/** A window at or past 100 % whose reset is still ahead: the account cannot take work until then. */
function getExhaustedWindow(slot: CacheSlot, now: number): { name: string; resetsAt: number | null } | null {
  const windows: [string, UsageWindow | null][] = [
    ['5-hour', slot.five_hour],
    ['weekly', slot.seven_day],
  ];
  for (const [name, w] of windows) {
    if (!w || !(w.utilization >= 100)) continue;
    const resetsAt = parseIsoMs(w.resets_at);
    if (resetsAt === null || resetsAt > now) return { name, resetsAt };
  }
  return null;
}

/** Why a slot that needs a login does, in the slot state's own terms. */
function getNeedsLoginReason(state: SlotState): string {
  switch (state.condition) {
    case 'login_dead':
      return 'its login is dead';
    case 'no_credentials':
      return 'no login is stored for it';
    default:
      return 'it is inactive (its login died or was never stored)';
  }
}

/**
 * Decides a launch on slot `id` from the cache (null: none yet). A slot that needs a login is refused with
 * its re-login command; a slot at its limit (a window at 100 % until its reset) or rate-limited by the
 * usage endpoint goes ahead with a warning that names the recommended slot when there is a better one. A
 * slot the cache does not know yet (never polled) goes ahead: nothing says it cannot work.
 */
export function getLaunchVerdict(id: string, cache: CacheFile | null, now: number): LaunchVerdict {
  const slot = cache?.slots[id];
  if (!cache || !slot) return { kind: 'go' };
  const settings = getSlotStateSettings(cache);
  const state = getSlotState(id, slot, now, settings);
  if (!state.enabled)
    return {
      kind: 'warn',
      message: `${id} is disabled in the registry, so its quota is not watched (run: quota-broker slots enable ${id}).`,
    };
  if (state.needsLogin && state.action?.kind === 'relogin')
    return {
      kind: 'refuse',
      message: `${id} cannot be used: ${getNeedsLoginReason(state)}. Run: ${state.action.command}`,
    };
  const exhausted = getExhaustedWindow(slot, now);
  if (!exhausted && state.condition !== 'rate_limited') return { kind: 'go' };
  const why = exhausted
    ? `${id} is at its ${exhausted.name} limit${exhausted.resetsAt !== null ? ` until its reset in ${formatCountdown(exhausted.resetsAt - now)}` : ''}`
    : `${id}'s usage endpoint is rate-limited (429), so its numbers are not current`;
  const better = getRecommendedSlot(cache.slots, now, settings);
  const hint =
    better && better !== id
      ? ` A better slot now: ${better} (run: ${getLaunchCommand(better)}).`
      : ' No other slot is better right now.';
  return { kind: 'warn', message: `${why}.${hint}` };
}

/** The slot `run --best` takes: the recommendation at `now` from the cache's numbers (null when none is usable). */
export function getBestSlot(cache: CacheFile | null, now: number): string | null {
  if (!cache) return null;
  return getRecommendedSlot(cache.slots, now, getSlotStateSettings(cache));
}
