import type { ExtraUsage, ModelWeeklyLimit, UsageSnapshot, UsageWindow } from '../../domain/types';

/** Top-level keys of the usage answer this decoder understands; an answer with none of them is not usage. */
const KNOWN_KEYS = ['five_hour', 'seven_day', 'seven_day_opus', 'seven_day_sonnet', 'extra_usage', 'limits'];

/** Flat per-model weekly keys, older than `limits[]` and often null. */
const FLAT_MODEL_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['seven_day_opus', 'Opus'],
  ['seven_day_sonnet', 'Sonnet'],
];

type Json = Record<string, unknown>;

/**
 * Decodes any known shape of the usage endpoint's answer (interop doc "Reading usage") into a snapshot.
 * Tolerant: unknown keys are ignored, missing or null windows become null, `five_hour`/`seven_day` fall
 * back to the `session`/`weekly_all` entries of `limits[]`, per-model weekly limits come from
 * `limits[]` (`weekly_*` with `scope.model`) and the flat `seven_day_opus`/`seven_day_sonnet`, deduped
 * by model (limits[] wins). Returns null when the value has none of the known fields: the caller
 * classifies that as a bad response.
 */
export function decodeUsage(json: unknown): UsageSnapshot | null {
  if (!isRecord(json) || !KNOWN_KEYS.some((key) => key in json)) return null;
  const limits = Array.isArray(json.limits) ? json.limits.filter(isRecord) : [];
  return {
    five_hour: decodeWindow(json.five_hour) ?? windowFromLimits(limits, 'session'),
    seven_day: decodeWindow(json.seven_day) ?? windowFromLimits(limits, 'weekly_all'),
    weekly_by_model: decodeModelLimits(json, limits),
    extra_usage: decodeExtraUsage(json.extra_usage),
  };
}

function decodeWindow(value: unknown): UsageWindow | null {
  if (!isRecord(value)) return null;
  const utilization = toNumber(value.utilization);
  if (utilization === null) return null;
  return { utilization, resets_at: toStringOrNull(value.resets_at) };
}

function windowFromLimits(limits: Json[], kind: string): UsageWindow | null {
  for (const limit of limits) {
    const percent = toNumber(limit.percent);
    if (limit.kind === kind && percent !== null) {
      return { utilization: percent, resets_at: toStringOrNull(limit.resets_at) };
    }
  }
  return null;
}

function decodeModelLimits(json: Json, limits: Json[]): ModelWeeklyLimit[] {
  const out: ModelWeeklyLimit[] = [];
  const seen = new Set<string>();
  const add = (model: string | null, utilization: number | null, resetsAt: unknown): void => {
    if (!model || utilization === null || seen.has(model.toLowerCase())) return;
    seen.add(model.toLowerCase());
    out.push({ model, utilization, resets_at: toStringOrNull(resetsAt) });
  };
  for (const limit of limits) {
    if (typeof limit.kind !== 'string' || !limit.kind.startsWith('weekly_') || limit.kind === 'weekly_all') {
      continue;
    }
    add(modelName(limit), toNumber(limit.percent ?? limit.utilization), limit.resets_at);
  }
  for (const [key, model] of FLAT_MODEL_KEYS) {
    const window = decodeWindow(json[key]);
    if (window) add(model, window.utilization, window.resets_at);
  }
  return out;
}

/** `scope.model.display_name`, else a name implied by the kind (`weekly_opus` → `Opus`). */
function modelName(limit: Json): string | null {
  const scope = isRecord(limit.scope) ? limit.scope : null;
  const model = scope && isRecord(scope.model) ? scope.model : null;
  const display = model ? (toStringOrNull(model.display_name) ?? toStringOrNull(model.id)) : null;
  if (display) return display;
  const suffix = String(limit.kind).slice('weekly_'.length);
  if (!suffix || suffix === 'scoped') return null;
  return suffix.charAt(0).toUpperCase() + suffix.slice(1);
}

function decodeExtraUsage(value: unknown): ExtraUsage | null {
  if (!isRecord(value)) return null;
  return {
    is_enabled: value.is_enabled === true,
    used: toNumber(value.used_credits),
    limit: toNumber(value.monthly_limit),
    currency: toStringOrNull(value.currency),
  };
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function toStringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
