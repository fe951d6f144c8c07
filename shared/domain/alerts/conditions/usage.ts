/**
 * Utilisation crossed a threshold (80 % / 95 % by default) of the 5-hour or weekly window. Fires on
 * the way up only: an episode stays open until the window resets or utilisation falls clearly below.
 */
import type { CacheSlot, UsageWindow } from '../../types';
import type { Condition, ConditionContext, ConditionEvaluator } from '../condition';
import { describeSlot, keepOpen, slotEntries } from '../condition';
import { formatDuration, formatPercent } from '../format';
import type { UsageWindowName } from '../settings';

/** Percentage points below a threshold before its episode ends (absorbs rounding between sources). */
export const USAGE_HYSTERESIS_PCT = 2;

export const WINDOW_NAMES: readonly UsageWindowName[] = ['five_hour', 'seven_day'];

export const WINDOW_LABEL: Record<UsageWindowName, string> = { five_hour: '5-hour', seven_day: 'weekly' };

/** Utilisation that holds now: 0 once the window's reset time has passed, even before a new fetch. */
export function getEffectiveUtilization(w: UsageWindow | null, now: number): number | null {
  if (!w) return null;
  const resetsAt = w.resets_at ? Date.parse(w.resets_at) : Number.NaN;
  return Number.isFinite(resetsAt) && resetsAt <= now ? 0 : w.utilization;
}

function resetText(w: UsageWindow, now: number): string {
  const t = w.resets_at ? Date.parse(w.resets_at) : Number.NaN;
  return Number.isFinite(t) && t > now ? ` Resets in ${formatDuration(t - now)}.` : '';
}

function recommendText(ctx: ConditionContext, id: string): string {
  const rec = ctx.engine.cache.recommended;
  const slot = rec ? ctx.engine.cache.slots[rec] : undefined;
  return rec && rec !== id && slot ? ` Recommended slot: ${describeSlot(rec, slot)}.` : '';
}

function windowConditions(
  ctx: ConditionContext,
  id: string,
  s: CacheSlot,
  name: UsageWindowName,
): Condition[] {
  const w = s[name];
  const u = getEffectiveUtilization(w, ctx.now);
  if (!w || u === null) return keepOpen(ctx, `usage:${id}:${name}:`);
  const thresholds = ctx.settings.thresholds[name];
  const top = thresholds[thresholds.length - 1];
  const out: Condition[] = [];
  for (const t of thresholds) {
    const cid = `usage:${id}:${name}:${t}`;
    const open = cid in ctx.previous.episodes;
    if (!(u >= t || (open && u >= t - USAGE_HYSTERESIS_PCT))) continue;
    out.push({
      id: cid,
      kind: 'usage',
      severity: t === top ? 'warning' : 'info',
      slot: id,
      title: `${id}: ${WINDOW_LABEL[name]} window at ${formatPercent(u)}`,
      body: `${describeSlot(id, s)} crossed ${t} % of its ${WINDOW_LABEL[name]} limit.${resetText(w, ctx.now)}${recommendText(ctx, id)}`,
      action: { type: 'open' },
      supersededBy: thresholds.filter((h) => h > t).map((h) => `usage:${id}:${name}:${h}`),
    });
  }
  return out;
}

/** Evaluates every threshold of both windows for every usable slot. */
export const usageCondition: ConditionEvaluator = (ctx) => {
  const conditions: Condition[] = [];
  for (const [id, s, state] of slotEntries(ctx)) {
    if (!state.polled) {
      // Unknown while the slot is not polled: keep what is open, open nothing.
      conditions.push(...keepOpen(ctx, `usage:${id}:`));
      continue;
    }
    for (const name of WINDOW_NAMES) conditions.push(...windowConditions(ctx, id, s, name));
  }
  return { conditions };
};
