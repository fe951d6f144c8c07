/**
 * What a slot's state means — the one answer every surface renders: the dashboard and popover, the tray,
 * `quota-broker status`, the statusline, doctor, the alerts and the recommendation. Surfaces show this
 * answer; they never re-derive it from `health` and `status` themselves. Pure: `now` is an argument.
 *
 * Adding a `SlotHealth`: the `switch` in {@link getHealthTraits} stops compiling until the new state is
 * placed, and so does every `Record<SlotHealth, …>` of words (docs/ARCHITECTURE.md lists them).
 */
import type { SLOT_CONDITIONS } from './schemas/words';
import { type CacheFile, type CacheSlot, DEFAULT_STALE_THRESHOLD_S, type SlotHealth } from './types';

/** A login expiring sooner than this is called out, unless `alerts.login_expiry_warn_days` says otherwise. */
export const DEFAULT_LOGIN_EXPIRY_WARN_DAYS = 3;
const DAY_MS = 86_400_000;

/** The thresholds every surface judges a slot by: the ones the cache's writer used. */
export interface SlotStateSettings {
  staleThresholdMs: number;
  loginExpiryWarnMs: number;
}

/** The most important thing to show about a slot (schemas/words.ts lists them, most severe first). */
export type SlotCondition = (typeof SLOT_CONDITIONS)[number];

/** What a person should do about a slot, if anything. */
export type SlotAction =
  | { kind: 'relogin'; command: string }
  | { kind: 'wait'; until: number }
  | { kind: 'enable'; command: string };

export interface SlotState {
  /** The person has not disabled it. */
  enabled: boolean;
  /** The broker polls it: enabled, active, and a login is stored that has not died. */
  polled: boolean;
  /**
   * It can take work now, so it may be recommended: polled, its usage endpoint answers, and the server has
   * not refused its token since the last success (a session ended server-side, not yet resolved).
   */
  usable: boolean;
  /** Enabled, and the numbers shown for it are older than the threshold (a disabled slot is never stale). */
  stale: boolean;
  /** now − last success; null before the first success. */
  dataAgeMs: number | null;
  /** Enabled, and only a new login brings it back: the login died, none is stored, or it was deactivated. */
  needsLogin: boolean;
  /** A refresh could bring fresh numbers: polled and not inside a running 429 back-off. */
  refreshCanHelp: boolean;
  /** End of a 429 back-off still ahead (or while rate-limited), else null. */
  nextAttemptAt: number | null;
  /** Time left on the stored login (null when Claude Code stored no expiry). */
  loginExpiresInMs: number | null;
  /** The login expires within the warning window (alerts.login_expiry_warn_days). */
  loginExpiringSoon: boolean;
  condition: SlotCondition;
  /** The next step for the person, if one helps. */
  action: SlotAction | null;
}

interface HealthTraits {
  /** The stored login is gone: only a new login helps. */
  loginGone: boolean;
  /** The usage endpoint answers for it (numbers may still be old). */
  answering: boolean;
}

/** What each health says about the login and the endpoint. Exhaustive: a new health fails to compile here. */
function getHealthTraits(health: SlotHealth): HealthTraits {
  switch (health) {
    case 'ok':
    case 'stale':
    case 'token_expired':
      return { loginGone: false, answering: true };
    case 'rate_limited':
    case 'offline':
    case 'disabled':
      return { loginGone: false, answering: false };
    case 'login_dead':
    case 'no_credentials':
      return { loginGone: true, answering: false };
    default:
      return unknownHealth(health);
  }
}

/**
 * A health this version does not know, written by an older or newer broker: the slot is judged by its
 * data's age. Typed `never`, so a health added to SlotHealth but not placed above fails to compile.
 */
function unknownHealth(_health: never): HealthTraits {
  return { loginGone: false, answering: true };
}

/** The thresholds a cache's writer used, else the defaults. */
export function getSlotStateSettings(
  cache: Pick<CacheFile, 'stale_threshold_s' | 'login_expiry_warn_days'> | null,
): SlotStateSettings {
  const positive = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
  return {
    staleThresholdMs: positive(cache?.stale_threshold_s, DEFAULT_STALE_THRESHOLD_S) * 1000,
    loginExpiryWarnMs: positive(cache?.login_expiry_warn_days, DEFAULT_LOGIN_EXPIRY_WARN_DAYS) * DAY_MS,
  };
}

/** True when `at` (epoch ms) is missing or older than the threshold. */
export function isOlderThan(at: unknown, now: number, thresholdMs: number): boolean {
  return typeof at !== 'number' || !Number.isFinite(at) || now - at > thresholdMs;
}

/** Cache-level staleness (docs/cache.md): no cache, or its `ts` older than the writer's threshold. */
export function isCacheStale(
  cache: Pick<CacheFile, 'ts' | 'stale_threshold_s'> | null,
  now: number,
): boolean {
  return !cache || isOlderThan(cache.ts, now, getSlotStateSettings(cache).staleThresholdMs);
}

/** The command that logs a slot in again. */
export function getReloginCommand(id: string): string {
  return `quota-broker relogin ${id}`;
}

/**
 * A slot's state from its cache entry, `now` and the thresholds. Tolerates entries written by older
 * brokers (missing fields are unknown).
 */
export function getSlotState(
  id: string,
  slot: CacheSlot,
  now: number,
  settings: SlotStateSettings,
): SlotState {
  // Caches written by older tools carry no health: the age of the data speaks for it.
  const health: SlotHealth = slot.health ?? 'ok';
  const traits = getHealthTraits(health);
  const enabled = slot.enabled !== false && health !== 'disabled';
  const active = slot.status !== 'inactive';
  const polled = enabled && active && !traits.loginGone;
  const lastFetched = typeof slot.last_fetched === 'number' ? slot.last_fetched : null;
  const old = health === 'stale' || isOlderThan(lastFetched, now, settings.staleThresholdMs);
  const backoffEnd = typeof slot.next_attempt_at === 'number' ? slot.next_attempt_at : null;
  const nextAttemptAt =
    backoffEnd !== null && (backoffEnd > now || health === 'rate_limited') ? backoffEnd : null;
  const loginExpiresAt = typeof slot.login_expires_at === 'number' ? slot.login_expires_at : null;
  const loginExpiresInMs = loginExpiresAt === null ? null : loginExpiresAt - now;
  const needsLogin = enabled && (traits.loginGone || !active);
  const condition = getCondition(health, enabled, active, old);
  return {
    enabled,
    polled,
    usable: polled && traits.answering && typeof slot.token_rejected_at !== 'number',
    stale: enabled && old,
    dataAgeMs: lastFetched === null ? null : now - lastFetched,
    needsLogin,
    refreshCanHelp: polled && !(health === 'rate_limited' && backoffEnd !== null && backoffEnd > now),
    nextAttemptAt,
    loginExpiresInMs,
    loginExpiringSoon: loginExpiresInMs !== null && loginExpiresInMs <= settings.loginExpiryWarnMs,
    condition,
    action: needsLogin
      ? { kind: 'relogin', command: getReloginCommand(id) }
      : !enabled
        ? { kind: 'enable', command: `quota-broker slots enable ${id}` }
        : nextAttemptAt !== null
          ? { kind: 'wait', until: nextAttemptAt }
          : null,
  };
}

function getCondition(health: SlotHealth, enabled: boolean, active: boolean, old: boolean): SlotCondition {
  if (!enabled) return 'disabled';
  if (health === 'login_dead' || health === 'no_credentials') return health;
  if (!active) return 'inactive';
  if (health === 'rate_limited' || health === 'offline' || health === 'token_expired') return health;
  return old ? 'stale' : 'ok';
}

/** Every slot's state in cache (registry) order, judged by the thresholds the cache's writer used. */
export function getSlotStates(cache: CacheFile, now: number): [string, SlotState][] {
  const settings = getSlotStateSettings(cache);
  return Object.entries(cache.slots).map(([id, slot]) => [id, getSlotState(id, slot, now, settings)]);
}
