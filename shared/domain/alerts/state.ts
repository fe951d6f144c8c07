/** The persisted alert state: an empty one, and a validating parser for what was read from disk. */
import type { AlertAction, AlertKind, AlertSeverity, AlertState, Episode, EpisodeStatus } from './types';
import { ALERT_STATE_VERSION } from './types';

const KINDS: readonly AlertKind[] = [
  'all_inactive',
  'login_dead',
  'login_expiring',
  'relogin_reminder',
  'stale',
  'usage',
  'capacity_back',
  'extra_usage',
];
const SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];
const STATUSES: readonly EpisodeStatus[] = ['delivered', 'pending', 'silent'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A state with no open episodes: the start, and the fresh start after a garbage file. */
export function createEmptyAlertState(now = 0): AlertState {
  return { version: ALERT_STATE_VERSION, episodes: {}, marks: {}, updated_at: now };
}

function parseAction(v: unknown): AlertAction | undefined {
  if (v === null) return null;
  if (!isRecord(v)) return undefined;
  if (v.type === 'open') return { type: 'open' };
  if (v.type === 'relogin' && typeof v.slot === 'string') return { type: 'relogin', slot: v.slot };
  return undefined;
}

function parseEpisode(id: string, v: unknown): Episode | null {
  if (!isRecord(v)) return null;
  const action = parseAction(v.action);
  const ok =
    v.id === id &&
    KINDS.includes(v.kind as AlertKind) &&
    SEVERITIES.includes(v.severity as AlertSeverity) &&
    STATUSES.includes(v.status as EpisodeStatus) &&
    (v.slot === null || typeof v.slot === 'string') &&
    typeof v.title === 'string' &&
    typeof v.body === 'string' &&
    action !== undefined &&
    isTime(v.opened_at) &&
    isTime(v.updated_at) &&
    (v.delivered_at === null || isTime(v.delivered_at));
  return ok ? ({ ...(v as unknown as Episode), action } as Episode) : null;
}

/**
 * Validates a parsed `alert-state.json`. Returns null when the value is not an alert state at all
 * (the caller quarantines the file); a single malformed episode or mark is dropped.
 */
export function parseAlertState(value: unknown): AlertState | null {
  if (!isRecord(value) || value.version !== ALERT_STATE_VERSION) return null;
  if (!isRecord(value.episodes) || !isRecord(value.marks)) return null;
  const episodes: Record<string, Episode> = {};
  for (const [id, raw] of Object.entries(value.episodes)) {
    const e = parseEpisode(id, raw);
    if (e) episodes[id] = e;
  }
  const marks: Record<string, number> = {};
  for (const [key, raw] of Object.entries(value.marks)) if (isTime(raw)) marks[key] = raw;
  return {
    version: ALERT_STATE_VERSION,
    episodes,
    marks,
    updated_at: isTime(value.updated_at) ? value.updated_at : 0,
  };
}
