/**
 * Capacity back: a window that reached its top threshold has reset, or a slot that could not be used
 * (dead login, no credentials, a back-off long enough to raise a stale alert) works again.
 * Transitions are remembered as marks; each mark is consumed when its alert goes out, so it fires once.
 */
import type { SlotState } from '../../slot-state';
import type { CacheSlot } from '../../types';
import type { Condition, ConditionContext, ConditionEvaluator } from '../condition';
import { describeSlot, slotEntries } from '../condition';
import { formatPercent } from '../format';
import { getEffectiveUtilization, USAGE_HYSTERESIS_PCT, WINDOW_LABEL, WINDOW_NAMES } from './usage';

type Marks = Record<string, number | null>;

function windowsBack(
  ctx: ConditionContext,
  id: string,
  s: CacheSlot,
  state: SlotState,
  marks: Marks,
): Condition[] {
  const out: Condition[] = [];
  for (const name of WINDOW_NAMES) {
    const key = `high:${id}:${name}`;
    const top = ctx.settings.thresholds[name].at(-1);
    const u = getEffectiveUtilization(s[name], ctx.now);
    if (top === undefined || !state.polled) {
      if (key in ctx.previous.marks) marks[key] = null; // "usable again" speaks for a revived slot
      continue;
    }
    if (u === null) continue;
    if (u >= top) {
      if (!(key in ctx.previous.marks)) marks[key] = ctx.now;
    } else if (key in ctx.previous.marks && u < top - USAGE_HYSTERESIS_PCT) {
      out.push({
        id: `capacity_back:${id}:${name}`,
        kind: 'capacity_back',
        severity: 'info',
        slot: id,
        title: `${id}: ${WINDOW_LABEL[name]} capacity is back`,
        body: `${describeSlot(id, s)} reset to ${formatPercent(u)} of its ${WINDOW_LABEL[name]} limit (it had reached ${top}%).`,
        action: { type: 'open' },
        consumesMarks: [key],
      });
    }
  }
  return out;
}

function usableAgain(
  ctx: ConditionContext,
  id: string,
  s: CacheSlot,
  state: SlotState,
  marks: Marks,
): Condition[] {
  const dead = `dead:${id}`;
  const backoff = `backoff:${id}`;
  if (state.condition === 'login_dead' || state.condition === 'no_credentials') {
    if (!(dead in ctx.previous.marks)) marks[dead] = ctx.now;
    return [];
  }
  // A 429 back-off alone is routine; only one long enough to have raised a stale alert is news.
  if (state.condition === 'rate_limited' && `stale:${id}` in ctx.previous.episodes) {
    if (!(backoff in ctx.previous.marks)) marks[backoff] = ctx.now;
    return [];
  }
  const had = [dead, backoff].filter((k) => k in ctx.previous.marks);
  if (s.health !== 'ok' || !state.polled || had.length === 0) return [];
  const wasDead = had.includes(dead);
  return [
    {
      id: `capacity_back:${id}:usable`,
      kind: 'capacity_back',
      severity: 'info',
      slot: id,
      title: `${id}: usable again`,
      body: wasDead
        ? `${describeSlot(id, s)} is logged in and working again.`
        : `${describeSlot(id, s)} refreshes again after its back-off.`,
      action: { type: 'open' },
      consumesMarks: had,
    },
  ];
}

/** Evaluates both kinds of "capacity back" for every slot and records the marks they need. */
export const capacityBackCondition: ConditionEvaluator = (ctx) => {
  const marks: Marks = {};
  const conditions: Condition[] = [];
  for (const [id, s, state] of slotEntries(ctx)) {
    conditions.push(...windowsBack(ctx, id, s, state, marks), ...usableAgain(ctx, id, s, state, marks));
  }
  return { conditions, marks };
};
