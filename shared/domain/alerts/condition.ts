/**
 * The contract between the policy and the per-kind condition evaluators, plus the wording helpers
 * they share. An evaluator looks at the new engine state and says which conditions are true now.
 */

import { compareIds } from '../compare-ids';
import { getReloginCommand, getSlotState, type SlotState } from '../slot-state';
import type { CacheSlot } from '../types';
import type { AlertSettings } from './settings';
import type { Alert, AlertState, EngineSnapshot } from './types';

/** A condition that is true in this cycle. Its `id` is the episode key. */
export interface Condition extends Omit<Alert, 'at'> {
  /** Open the episode without a notification (e.g. the state is unknown but the episode is kept open). */
  silent?: boolean;
  /** Ids of broader conditions: while one of them is true too, this one opens silently. */
  supersededBy?: string[];
  /**
   * A one-shot transition (capacity back): once delivered (or silenced), the named marks are removed and
   * the episode closes at once, so it never lingers as "open".
   */
  consumesMarks?: string[];
}

export interface ConditionContext {
  previous: AlertState;
  engine: EngineSnapshot;
  settings: AlertSettings;
  now: number;
}

export interface ConditionResult {
  conditions: Condition[];
  /** Marks to set (a number) or remove (null) for the next state. */
  marks?: Record<string, number | null>;
}

export type ConditionEvaluator = (ctx: ConditionContext) => ConditionResult;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** `slot-2 (someone@example.com)`, or the id alone when no email is known. */
export function describeSlot(id: string, slot: CacheSlot): string {
  return slot.email ? `${id} (${slot.email})` : id;
}

/** The command a person runs to re-login a slot. */
export const reloginCommand = getReloginCommand;

/** Keeps the open episodes whose id starts with `prefix`, without firing: used when the truth is unknown. */
export function keepOpen(ctx: ConditionContext, prefix: string): Condition[] {
  return Object.values(ctx.previous.episodes)
    .filter((e) => e.id.startsWith(prefix))
    .map((e) => ({
      id: e.id,
      kind: e.kind,
      severity: e.severity,
      slot: e.slot,
      title: e.title,
      body: e.body,
      action: e.action,
      silent: true,
    }));
}

/** Slot entries in a stable order, each with the shared slot state judged by the alert settings. */
export function slotEntries(ctx: ConditionContext): [string, CacheSlot, SlotState][] {
  const settings = {
    staleThresholdMs: ctx.settings.stale_threshold_s * 1000,
    loginExpiryWarnMs: ctx.settings.login_expiry_warn_days * DAY_MS,
  };
  return Object.entries(ctx.engine.cache.slots)
    .sort(([a], [b]) => compareIds(a, b))
    .map(([id, slot]) => [id, slot, getSlotState(id, slot, ctx.now, settings)]);
}
