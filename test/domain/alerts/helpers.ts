/** Builders and a sequence runner for the table-driven alert policy tests. */
import type { AlertDecision } from '../../../shared/domain/alerts/policy';
import { decideAlerts } from '../../../shared/domain/alerts/policy';
import type { AlertSettings } from '../../../shared/domain/alerts/settings';
import { DEFAULT_ALERT_SETTINGS } from '../../../shared/domain/alerts/settings';
import { createEmptyAlertState, parseAlertState } from '../../../shared/domain/alerts/state';
import type { AlertState } from '../../../shared/domain/alerts/types';
import type { CacheFile, CacheSlot } from '../../../shared/domain/types';

export const T0 = Date.parse('2026-02-08T12:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export const iso = (ms: number) => new Date(ms).toISOString();

/** A healthy, freshly fetched slot at `now`; override what the step needs. */
export function slot(now: number, patch: Partial<CacheSlot> = {}): CacheSlot {
  return {
    email: 'someone@example.com',
    label: null,
    status: 'active',
    health: 'ok',
    last_fetched: now,
    last_attempt: now,
    source: 'endpoint',
    last_error: null,
    five_hour: { utilization: 10, resets_at: iso(now + 3 * HOUR) },
    seven_day: { utilization: 20, resets_at: iso(now + 3 * DAY) },
    weekly_by_model: [],
    extra_usage: { is_enabled: false, used: null, limit: null, currency: null },
    access_expires_at: now + HOUR,
    login_expires_at: null,
    subscription: 'max',
    rate_limit_tier: null,
    requests_last_hour: 1,
    config_dir: '/home/me/.claude',
    login_seen_at: null,
    ...patch,
  };
}

/** A dead login: inactive, as the engine writes it. */
export function dead(now: number, patch: Partial<CacheSlot> = {}): CacheSlot {
  return slot(now, { status: 'inactive', health: 'login_dead', last_fetched: now - 2 * HOUR, ...patch });
}

export function cache(now: number, slots: Record<string, CacheSlot>): CacheFile {
  const enabled = Object.values(slots).filter((s) => s.enabled !== false && s.health !== 'disabled');
  return {
    version: 1,
    ts: now,
    writer: { pid: 1, app: 'quota-broker', app_version: 'test' },
    all_inactive: enabled.length > 0 && enabled.every((s) => s.status === 'inactive'),
    // The least used healthy slot, as the engine recommends it.
    recommended:
      Object.keys(slots)
        .filter((id) => slots[id].health === 'ok')
        .sort((a, b) => (slots[a].five_hour?.utilization ?? 0) - (slots[b].five_hour?.utilization ?? 0))[0] ??
      null,
    slots,
  };
}

export interface Step {
  /** Epoch ms of this cycle. */
  now: number;
  slots: (now: number) => Record<string, CacheSlot>;
  brokerRunning?: boolean;
  /** Ids delivered in this cycle, in delivery order. */
  delivered: string[];
  /** Ids held for quiet hours after this cycle (checked when given). */
  held?: string[];
  /** Simulate a restart before this step: the state goes through JSON on disk. */
  restart?: boolean;
}

export interface RunOptions {
  settings?: Partial<AlertSettings>;
  timeZone?: string;
  state?: AlertState;
}

/** Runs the policy over the steps, threading the state, and returns every decision. */
export function runSequence(steps: Step[], options: RunOptions = {}): AlertDecision[] {
  const settings = { ...DEFAULT_ALERT_SETTINGS, ...options.settings };
  let state = options.state ?? createEmptyAlertState();
  return steps.map((step) => {
    if (step.restart) state = parseAlertState(JSON.parse(JSON.stringify(state)))!;
    const decision = decideAlerts({
      previous: state,
      engine: { cache: cache(step.now, step.slots(step.now)), brokerRunning: step.brokerRunning ?? true },
      settings,
      now: step.now,
      timeZone: options.timeZone ?? 'UTC',
    });
    state = decision.next;
    return decision;
  });
}

/** Asserts each step's delivered (and held) ids; returns the decisions for further checks. */
export function expectSequence(
  expect: (v: unknown) => { toEqual(x: unknown): void },
  steps: Step[],
  options: RunOptions = {},
): AlertDecision[] {
  const decisions = runSequence(steps, options);
  decisions.forEach((d, i) => {
    expect({ step: i, delivered: d.alerts.map((a) => a.id) }).toEqual({
      step: i,
      delivered: steps[i].delivered,
    });
    if (steps[i].held)
      expect({ step: i, held: d.held.map((a) => a.id) }).toEqual({ step: i, held: steps[i].held });
  });
  return decisions;
}
