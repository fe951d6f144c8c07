/**
 * Where a usage window stands at `now` — the one answer the statusline (`⏱:reset`, docs/statusline.md
 * "Format") and the popover/dashboard bars (docs/ui-contract.md) both show. A window whose reset has
 * passed no longer has the utilisation it last reported: until new numbers come, it is "reset". Pure.
 */
import type { UsageWindow } from './types';

export type WindowPhase =
  /** No window in the data. */
  | { phase: 'none' }
  /** A utilisation without a (readable) reset time. */
  | { phase: 'no_reset'; utilization: number }
  /** The reset has passed: the old utilisation is no longer true. */
  | { phase: 'reset'; resetAt: number }
  /** Counting down to its reset. */
  | { phase: 'running'; utilization: number; resetAt: number; leftMs: number };

/** The phase of `window` at `now`. */
export function getWindowPhase(window: UsageWindow | null | undefined, now: number): WindowPhase {
  if (!window) return { phase: 'none' };
  const resetAt = window.resets_at ? Date.parse(window.resets_at) : Number.NaN;
  if (Number.isNaN(resetAt)) return { phase: 'no_reset', utilization: window.utilization };
  if (resetAt <= now) return { phase: 'reset', resetAt };
  return { phase: 'running', utilization: window.utilization, resetAt, leftMs: resetAt - now };
}
