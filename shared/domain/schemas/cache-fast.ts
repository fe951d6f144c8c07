/**
 * The cache schema (cache.ts) checked by hand, for the statusline's per-update path only: loading
 * valibot there costs more start-up time than the whole read (docs/BENCHMARKS.md). Same answers as
 * `parseCacheValue` for every input — test/domain/schemas/cache-fast.test.ts walks the schema's entries
 * and fails on any difference, including the order of keys — so a field added to the schema must be
 * added here too. Imports nothing but the word lists (words.ts), on purpose.
 */
import type { CacheFile, CacheSlot } from '../types';
import type { CacheParse } from './cache';
import { DATA_SOURCES, ERROR_KINDS, PACE_UNKNOWN_REASONS, SLOT_HEALTHS, SLOT_STATUSES } from './words';

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
/** valibot's `object` accepts any non-null object and reads absent keys as undefined. */
const isAnyObject = (x: unknown): x is Json => typeof x === 'object' && x !== null;
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean';
const isOneOf =
  <T extends string>(words: readonly T[]) =>
  (x: unknown): x is T =>
    words.includes(x as T);

// The same word lists the schema picks from.
const isStatus = isOneOf(SLOT_STATUSES);
const isHealth = isOneOf(SLOT_HEALTHS);
const isSource = isOneOf(DATA_SOURCES);
const isErrorKind = isOneOf(ERROR_KINDS);

const orNull = <T>(x: unknown, is: (x: unknown) => x is T): T | null => (is(x) ? x : null);

function readWindow(x: unknown): CacheSlot['five_hour'] {
  if (!isAnyObject(x) || !isNumber(x.utilization)) return null;
  return { utilization: x.utilization, resets_at: orNull(x.resets_at, isString) };
}

function readModelLimits(x: unknown): CacheSlot['weekly_by_model'] {
  if (!Array.isArray(x)) return [];
  const out: CacheSlot['weekly_by_model'] = [];
  for (const m of x) {
    if (isAnyObject(m) && isString(m.model) && isNumber(m.utilization))
      out.push({ model: m.model, utilization: m.utilization, resets_at: orNull(m.resets_at, isString) });
  }
  return out;
}

function readExtraUsage(x: unknown): CacheSlot['extra_usage'] {
  if (!isAnyObject(x) || !isBoolean(x.is_enabled)) return null;
  return {
    is_enabled: x.is_enabled,
    used: orNull(x.used, isNumber),
    limit: orNull(x.limit, isNumber),
    currency: orNull(x.currency, isString),
  };
}

function readWindowPace(x: unknown): Json | undefined {
  if (!isAnyObject(x)) return undefined;
  if (x.status === 'projected') {
    const ok =
      isNumber(x.at_reset) &&
      (x.runs_out_at === null || isNumber(x.runs_out_at)) &&
      isString(x.resets_at) &&
      isNumber(x.rate_per_hour) &&
      isNumber(x.points) &&
      isNumber(x.from) &&
      isNumber(x.to);
    return ok
      ? {
          status: 'projected',
          at_reset: x.at_reset,
          runs_out_at: x.runs_out_at,
          resets_at: x.resets_at,
          rate_per_hour: x.rate_per_hour,
          points: x.points,
          from: x.from,
          to: x.to,
        }
      : undefined;
  }
  if (x.status === 'unknown') {
    const ok =
      (PACE_UNKNOWN_REASONS as readonly unknown[]).includes(x.reason) &&
      isNumber(x.points) &&
      (x.resets_at === null || isString(x.resets_at));
    return ok ? { status: 'unknown', reason: x.reason, points: x.points, resets_at: x.resets_at } : undefined;
  }
  return undefined;
}

/** `slots.<id>.pace` (schemas/pace.ts): both windows well-formed, else absent. */
function readPace(x: unknown): Json | undefined {
  if (!isAnyObject(x)) return undefined;
  const five = readWindowPace(x.five_hour);
  const week = readWindowPace(x.seven_day);
  return five && week ? { five_hour: five, seven_day: week } : undefined;
}

function readError(x: unknown): CacheSlot['last_error'] {
  if (!isAnyObject(x) || !isErrorKind(x.kind) || !isString(x.message) || !isNumber(x.at)) return null;
  return { kind: x.kind, message: x.message, at: x.at };
}

/** Sets `key` when the value passes (null included when `nullable`); otherwise leaves it absent. */
function setOptional(out: Json, s: Json, key: string, is: (x: unknown) => boolean, nullable: boolean): void {
  const x = s[key];
  if (key in s && (is(x) || (nullable && x === null))) out[key] = x;
}

function readSlot(s: Json): CacheSlot {
  const out: Json = {
    email: orNull(s.email, isString),
    label: orNull(s.label, isString),
    status: orNull(s.status, isStatus),
    health: orNull(s.health, isHealth),
    last_fetched: orNull(s.last_fetched, isNumber),
    last_attempt: orNull(s.last_attempt, isNumber),
    source: orNull(s.source, isSource),
    last_error: readError(s.last_error),
    five_hour: readWindow(s.five_hour),
    seven_day: readWindow(s.seven_day),
    weekly_by_model: readModelLimits(s.weekly_by_model),
    extra_usage: readExtraUsage(s.extra_usage),
    access_expires_at: orNull(s.access_expires_at, isNumber),
    login_expires_at: orNull(s.login_expires_at, isNumber),
    subscription: orNull(s.subscription, isString),
    rate_limit_tier: orNull(s.rate_limit_tier, isString),
    requests_last_hour: orNull(s.requests_last_hour, isNumber),
    config_dir: orNull(s.config_dir, isString),
  };
  setOptional(out, s, 'next_attempt_at', isNumber, true);
  setOptional(out, s, 'enabled', isBoolean, false);
  setOptional(out, s, 'default_account', isBoolean, false);
  setOptional(out, s, 'login_seen_at', isNumber, true);
  setOptional(out, s, 'token_rejected_at', isNumber, true);
  const pace = readPace(s.pace);
  if (pace) out.pace = pace;
  return out as CacheSlot;
}

function readWriter(x: unknown): CacheFile['writer'] {
  if (!isAnyObject(x) || !isNumber(x.pid) || !isString(x.app) || !isString(x.app_version)) return null;
  return { pid: x.pid, app: x.app, app_version: x.app_version };
}

/** Same answers as `parseCacheValue` (cache.ts), without valibot. */
export function parseCacheValueFast(value: unknown): CacheParse {
  if (!isObject(value) || !isObject(value.slots)) return { ok: false, reason: 'not a Quota Broker cache' };
  const cache: Json = {
    version: orNull(value.version, isNumber),
    ts: orNull(value.ts, isNumber),
    writer: readWriter(value.writer),
    all_inactive: orNull(value.all_inactive, isBoolean),
    recommended: orNull(value.recommended, isString),
  };
  setOptional(cache, value, 'stale_threshold_s', (x) => isNumber(x) && x > 0, false);
  setOptional(cache, value, 'login_expiry_warn_days', (x) => isNumber(x) && x > 0, false);
  setOptional(cache, value, 'statusline_format', isString, false);
  setOptional(cache, value, 'statusline_color', isBoolean, false);
  setOptional(
    cache,
    value,
    'statusline_color_thresholds',
    (x) => Array.isArray(x) && x.length === 2 && isNumber(x[0]) && isNumber(x[1]),
    false,
  );
  const slots: Record<string, CacheSlot> = {};
  for (const id of Object.keys(value.slots)) {
    // valibot's record skips these keys; so does this reader.
    if (id === '__proto__' || id === 'prototype' || id === 'constructor') continue;
    const s = value.slots[id];
    if (isObject(s)) slots[id] = readSlot(s);
  }
  cache.slots = slots;
  return { ok: true, cache: cache as CacheFile };
}

/** Same answers as `parseCacheText` (cache.ts), without valibot. */
export function parseCacheTextFast(text: string): CacheParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  return parseCacheValueFast(value);
}
