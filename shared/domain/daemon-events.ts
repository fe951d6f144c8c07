/**
 * What a foreground `quota-broker daemon` tells the terminal (docs/alerts.md "How you are told"): each
 * alert it delivers and each change of a slot's state, one line each — text for a person, or one JSON
 * object per line for a script. The slot states are the shared slot state's (slot-state.ts). Pure.
 */
import { formatAlertLine } from './alerts/format';
import type { Alert } from './alerts/types';
import { formatCountdown } from './format/duration';
import { redact } from './redact';
import type { DaemonEventJson } from './schemas/output/daemon';
import { getSlotStates, type SlotAction, type SlotCondition, type SlotState } from './slot-state';
import type { CacheFile } from './types';

/** How the daemon prints its events: a sentence per line, or JSON lines. */
export type DaemonEventFormat = 'text' | 'json';

export type DaemonEvent =
  /** JSON only: the text form prints these on stdout in its own words (cli/commands/daemon.ts). */
  | { type: 'started'; at: number; pid: number; cache: string; log: string }
  | { type: 'role'; at: number; role: 'broker' | 'follower' }
  | { type: 'alert'; at: number; alert: Alert }
  | {
      type: 'slot_state';
      at: number;
      slot: string;
      /** The state before; null the first time the daemon sees the slot. */
      from: SlotCondition | null;
      to: SlotCondition;
      /** What the person can do about the new state, if anything. */
      action: SlotAction | null;
    };

/** Each slot's state as of the moment the cache was written. */
export type SlotStates = Record<string, SlotState>;

/** The states of a cache's slots, judged at its write time (`now` when it does not say). */
export function getCacheSlotStates(cache: CacheFile, now: number): SlotStates {
  return Object.fromEntries(getSlotStates(cache, cache.ts ?? now));
}

/**
 * The slot-state events between two looks: a slot whose condition changed, or that appears for the first
 * time (`before` null: the daemon's first look reports every slot once).
 */
export function getSlotStateEvents(before: SlotStates | null, after: SlotStates, at: number): DaemonEvent[] {
  const events: DaemonEvent[] = [];
  for (const [slot, state] of Object.entries(after)) {
    const from = before?.[slot]?.condition ?? null;
    if (from === state.condition) continue;
    // Disabling is the person's own doing: no command to undo it is suggested.
    const action = state.condition === 'disabled' ? null : state.action;
    events.push({ type: 'slot_state', at, slot, from, to: state.condition, action });
  }
  return events;
}

const CONDITION_WORDS: Record<SlotCondition, string> = {
  ok: 'ok',
  stale: 'stale',
  token_expired: 'token expired',
  rate_limited: 'rate-limited',
  offline: 'offline',
  login_dead: 'login dead',
  no_credentials: 'not logged in',
  inactive: 'inactive',
  disabled: 'disabled',
};

function actionWords(action: SlotAction, at: number): string {
  switch (action.kind) {
    case 'relogin':
    case 'enable':
      return `run: ${action.command}`;
    case 'wait':
      return `next try in ${formatCountdown(action.until - at)}`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `14:05:09`, local time. */
function clock(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function eventText(event: DaemonEvent): string {
  if (event.type === 'started')
    return `quota-broker daemon (pid ${event.pid}); cache: ${event.cache}; log: ${event.log}`;
  if (event.type === 'role')
    return event.role === 'broker'
      ? 'Polling as the broker.'
      : 'Another broker holds the lock; following it and taking over if it stops.';
  if (event.type === 'alert') return formatAlertLine(event.alert);
  const to = CONDITION_WORDS[event.to];
  const change = event.from === null ? to : `${CONDITION_WORDS[event.from]} → ${to}`;
  const action = event.action ? ` — ${actionWords(event.action, event.at)}` : '';
  return `${event.slot}: ${change}${action}`;
}

/** The JSON line's object (schemas/output/daemon.ts, docs/json.md). */
function eventJson(event: DaemonEvent): DaemonEventJson {
  if (event.type === 'started') {
    const { type, ...rest } = event;
    return { event: type, ...rest };
  }
  if (event.type === 'role') return { event: 'role', at: event.at, role: event.role };
  if (event.type === 'alert') {
    const { id, kind, severity, slot, title, body, action } = event.alert;
    return { event: 'alert', at: event.at, id, kind, severity, slot, title, body, action };
  }
  const { at, slot, from, to, action } = event;
  return { event: 'slot_state', at, slot, from, to, action };
}

/** An event in words, without the time (the daemon's stdout lines: starting, its role). */
export function formatDaemonEventWords(event: DaemonEvent): string {
  return redact(eventText(event));
}

/**
 * One event as one line (no newline): `14:05:09 slot-2: ok → login dead — run: quota-broker relogin
 * slot-2`, `14:05:09 ALERT [warning] slot-2: login died — …`; or, as JSON, `{"event":"slot_state",
 * "at":…,"slot":"slot-2","from":"ok","to":"login_dead","action":{"kind":"relogin","command":…}}` and
 * `{"event":"alert","at":…,"id":…,"kind":…,"severity":…,"slot":…,"title":…,"body":…,"action":…}`.
 */
export function formatDaemonEvent(event: DaemonEvent, format: DaemonEventFormat): string {
  // Alerts never hold a token; redacting again is the last guard of anything printed.
  return redact(
    format === 'json' ? JSON.stringify(eventJson(event)) : `${clock(event.at)} ${eventText(event)}`,
  );
}
