/**
 * Data stale beyond the threshold while a broker runs and cannot refresh (network down, back-off,
 * expired access token). When no broker runs, whether it could refresh is unknown: an open episode is
 * kept, none is opened.
 */

import { redact } from '../../redact';
import type { SlotCondition } from '../../slot-state';
import type { Condition, ConditionEvaluator } from '../condition';
import { describeSlot, keepOpen, slotEntries } from '../condition';
import { formatDuration } from '../format';

/** Conditions of a polled slot under which a running broker cannot bring fresh numbers. */
const CANNOT_REFRESH: ReadonlySet<SlotCondition> = new Set([
  'offline',
  'rate_limited',
  'token_expired',
  'stale',
]);

/** One condition per active slot whose last success is older than `stale_threshold_s`. */
export const staleCondition: ConditionEvaluator = (ctx) => {
  if (!ctx.engine.brokerRunning) return { conditions: keepOpen(ctx, 'stale:') };
  const conditions: Condition[] = [];
  for (const [id, s, state] of slotEntries(ctx)) {
    if (!state.polled || !state.stale || !CANNOT_REFRESH.has(state.condition)) continue;
    if (s.last_fetched == null || ctx.now - s.last_fetched <= ctx.settings.stale_threshold_s * 1000) continue;
    const age = formatDuration(ctx.now - s.last_fetched);
    const why = s.last_error?.message ? ` Last error: ${redact(s.last_error.message)}` : '';
    const retry =
      s.next_attempt_at && s.next_attempt_at > ctx.now
        ? ` Next try in ${formatDuration(s.next_attempt_at - ctx.now)}.`
        : '';
    conditions.push({
      id: `stale:${id}`,
      kind: 'stale',
      severity: 'warning',
      slot: id,
      title: `${id}: quota data is ${age} old`,
      body: `The broker cannot refresh ${describeSlot(id, s)} (${state.condition.replace('_', ' ')}).${why}${retry} Run: quota-broker doctor`,
      action: { type: 'open' },
    });
  }
  return { conditions };
};
