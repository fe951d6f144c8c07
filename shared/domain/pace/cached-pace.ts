/**
 * Reading the pace the engine wrote into a cache entry (`slots.<id>.pace`, docs/contracts.md "The cache
 * file") for readers that must stay cheap: the statusline and the tray. Tolerant: an older cache without
 * the field, a malformed value, or a pace for a window that has since reset all read as null. Pure.
 */
import type { UsageWindow } from '../types';
import type { PaceWindowName, WindowPace } from './window-pace';

/** Two reset times this close belong to the same window (reset times carry jitter). */
const SAME_RESET_TOLERANCE_MS = 5 * 60_000;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isWindowPace(v: unknown): v is WindowPace {
  if (!v || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  if (p.status === 'unknown') return typeof p.reason === 'string' && isNum(p.points);
  return (
    p.status === 'projected' &&
    isNum(p.at_reset) &&
    (p.runs_out_at === null || isNum(p.runs_out_at)) &&
    typeof p.resets_at === 'string' &&
    isNum(p.points)
  );
}

/**
 * A window's cached pace, or null when there is none or it no longer applies: its reset has passed, or
 * the window shown (e.g. from a newer statusline observation) is a different one than it was computed for.
 */
export function getCachedPace(
  slot: { pace?: unknown } | null | undefined,
  name: PaceWindowName,
  shown: UsageWindow | null,
  now: number,
): WindowPace | null {
  const raw = (slot?.pace as Record<string, unknown> | null | undefined)?.[name];
  if (!isWindowPace(raw)) return null;
  const own = raw.resets_at ? Date.parse(raw.resets_at) : Number.NaN;
  const current = shown?.resets_at ? Date.parse(shown.resets_at) : Number.NaN;
  if (!Number.isNaN(own) && own <= now) return null;
  if (!Number.isNaN(own) && !Number.isNaN(current) && Math.abs(own - current) > SAME_RESET_TOLERANCE_MS)
    return null;
  return raw;
}
