/**
 * The alert policy: (previous alert state, new engine state, settings, now) → (alerts to deliver,
 * next alert state). Pure. Each condition fires once per episode; an episode ends when its condition
 * clears, and only then can it fire again. Non-critical alerts are held during quiet hours and go out
 * when they end, unless their condition cleared meanwhile.
 */

import { compareIds } from '../compare-ids';
import type { Condition, ConditionContext, ConditionEvaluator } from './condition';
import { allInactiveCondition } from './conditions/all-inactive';
import { capacityBackCondition } from './conditions/capacity-back';
import { extraUsageCondition } from './conditions/extra-usage';
import { loginDeadCondition } from './conditions/login-dead';
import { loginExpiryCondition } from './conditions/login-expiry';
import { staleCondition } from './conditions/stale';
import { usageCondition } from './conditions/usage';
import { isQuietTime } from './quiet-hours';
import type { AlertSettings } from './settings';
import type { Alert, AlertSeverity, AlertState, EngineSnapshot, Episode, EpisodeStatus } from './types';
import { ALERT_STATE_VERSION } from './types';

/** In evaluation order; the first condition with a given id wins. */
const EVALUATORS: readonly ConditionEvaluator[] = [
  allInactiveCondition,
  loginDeadCondition,
  loginExpiryCondition,
  staleCondition,
  usageCondition,
  extraUsageCondition,
  capacityBackCondition,
];

const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

export interface AlertPolicyInput {
  previous: AlertState;
  engine: EngineSnapshot;
  settings: AlertSettings;
  now: number;
  /** The local IANA time zone for quiet hours (unless the settings name one). */
  timeZone: string;
}

export interface AlertDecision {
  /** Deliver these now, most severe first. */
  alerts: Alert[];
  /** Alerts held for quiet hours (new or still waiting). */
  held: Alert[];
  /** Episodes that started in this cycle (delivered, held or silent). */
  opened: Episode[];
  /** Episodes whose condition cleared in this cycle. */
  closed: Episode[];
  next: AlertState;
}

function nextStatus(
  c: Condition,
  prev: Episode | undefined,
  silenced: boolean,
  quiet: boolean,
): EpisodeStatus {
  if (prev && prev.status !== 'pending') return prev.status;
  if (prev && c.silent) return 'pending'; // truth unknown this cycle: keep waiting
  if (c.silent || silenced) return 'silent';
  return quiet && c.severity !== 'critical' ? 'pending' : 'delivered';
}

function toAlert(e: Episode, now: number): Alert {
  const { id, kind, severity, slot, title, body, action } = e;
  return { id, kind, severity, slot, title, body, action, at: now };
}

/** Decides which alerts to deliver in this cycle and the state to persist before delivering them. */
export function decideAlerts(input: AlertPolicyInput): AlertDecision {
  const { previous, engine, settings, now } = input;
  const ctx: ConditionContext = { previous, engine, settings, now };
  const marks: Record<string, number> = { ...previous.marks };
  const conditions = new Map<string, Condition>();
  for (const evaluate of EVALUATORS) {
    const result = evaluate(ctx);
    for (const c of result.conditions) if (!conditions.has(c.id)) conditions.set(c.id, c);
    for (const [key, value] of Object.entries(result.marks ?? {})) {
      if (value === null) delete marks[key];
      else marks[key] = value;
    }
  }

  const quiet = isQuietTime(now, settings.quiet_hours, input.timeZone);
  const episodes: Record<string, Episode> = {};
  const alerts: Alert[] = [];
  const held: Alert[] = [];
  const opened: Episode[] = [];
  for (const c of conditions.values()) {
    const prev = previous.episodes[c.id];
    const superseded = (c.supersededBy ?? []).some((id) => conditions.has(id));
    const status = nextStatus(c, prev, !settings.enabled || superseded, quiet);
    const deliverNow = status === 'delivered' && (!prev || prev.status === 'pending');
    const episode: Episode = {
      id: c.id,
      kind: c.kind,
      severity: c.severity,
      slot: c.slot,
      title: c.title,
      body: c.body,
      action: c.action,
      status,
      opened_at: prev?.opened_at ?? now,
      updated_at: now,
      delivered_at: deliverNow ? now : (prev?.delivered_at ?? null),
    };
    if (deliverNow) alerts.push(toAlert(episode, now));
    if (status === 'pending') held.push(toAlert(episode, now));
    if (!prev) opened.push(episode);
    if (c.consumesMarks && status !== 'pending') {
      // A one-shot transition: spent once it went out (or was silenced); nothing stays open.
      for (const key of c.consumesMarks) delete marks[key];
    } else {
      episodes[c.id] = episode;
    }
  }

  const closed = Object.values(previous.episodes).filter((e) => !conditions.has(e.id));
  for (const key of Object.keys(marks)) {
    if (!(key.split(':')[1] in engine.cache.slots)) delete marks[key];
  }
  const bySeverity = (a: Alert, b: Alert) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareIds(a.id, b.id);
  return {
    alerts: alerts.sort(bySeverity),
    held: held.sort(bySeverity),
    opened,
    closed,
    next: { version: ALERT_STATE_VERSION, episodes, marks, updated_at: now },
  };
}
