/** Extra (paid) usage started on a slot: true while extra usage is enabled and something was spent. */
import type { ConditionEvaluator } from '../condition';
import { describeSlot, slotEntries } from '../condition';
import { formatMoney } from '../format';

/** One condition per slot spending paid extra usage. */
export const extraUsageCondition: ConditionEvaluator = (ctx) => ({
  conditions: slotEntries(ctx)
    .filter(([, s, state]) => state.enabled && s.extra_usage?.is_enabled && (s.extra_usage.used ?? 0) > 0)
    .map(([id, s]) => {
      const x = s.extra_usage!;
      const of = x.limit != null ? ` of ${formatMoney(x.limit, x.currency)}` : '';
      return {
        id: `extra_usage:${id}`,
        kind: 'extra_usage' as const,
        severity: 'warning' as const,
        slot: id,
        title: `${id}: paid extra usage started`,
        body: `${describeSlot(id, s)} is using paid extra usage: ${formatMoney(x.used ?? 0, x.currency)}${of} so far. Switch slots to stop paying.`,
        action: { type: 'open' as const },
      };
    }),
});
