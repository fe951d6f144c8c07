import { parseUsageAnswer, type UsageAnswer } from '../../domain/schemas/usage-answer';
import type { ModelWeeklyLimit, UsageSnapshot, UsageWindow } from '../../domain/types';

type Limit = UsageAnswer['limits'][number];

/** Flat per-model weekly keys, older than `limits[]` and often null. */
const FLAT_MODEL_KEYS = [
  ['seven_day_opus', 'Opus'],
  ['seven_day_sonnet', 'Sonnet'],
] as const;

/**
 * Decodes any known shape of the usage endpoint's answer (its schema: domain/schemas/usage-answer.ts)
 * into a snapshot. `five_hour`/`seven_day` fall back to the `session`/`weekly_all` entries of `limits[]`;
 * per-model weekly limits come from `limits[]` (`weekly_*` with `scope.model`) and the flat
 * `seven_day_opus`/`seven_day_sonnet`, deduped by model (limits[] wins). Returns null when the value has
 * none of the known fields: the caller classifies that as a bad response.
 */
export function decodeUsage(json: unknown): UsageSnapshot | null {
  const answer = parseUsageAnswer(json);
  if (!answer) return null;
  return {
    five_hour: answer.five_hour ?? windowFromLimits(answer.limits, 'session'),
    seven_day: answer.seven_day ?? windowFromLimits(answer.limits, 'weekly_all'),
    weekly_by_model: decodeModelLimits(answer),
    extra_usage: answer.extra_usage && {
      is_enabled: answer.extra_usage.is_enabled,
      used: answer.extra_usage.used_credits,
      limit: answer.extra_usage.monthly_limit,
      currency: answer.extra_usage.currency,
    },
  };
}

function windowFromLimits(limits: Limit[], kind: string): UsageWindow | null {
  const limit = limits.find((l) => l.kind === kind && l.percent !== null);
  return limit?.percent != null ? { utilization: limit.percent, resets_at: limit.resets_at } : null;
}

function decodeModelLimits(answer: UsageAnswer): ModelWeeklyLimit[] {
  const out: ModelWeeklyLimit[] = [];
  const seen = new Set<string>();
  const add = (model: string | null, utilization: number | null, resetsAt: string | null): void => {
    if (!model || utilization === null || seen.has(model.toLowerCase())) return;
    seen.add(model.toLowerCase());
    out.push({ model, utilization, resets_at: resetsAt });
  };
  for (const limit of answer.limits) {
    if (!limit.kind?.startsWith('weekly_') || limit.kind === 'weekly_all') continue;
    add(modelName(limit), limit.percent ?? limit.utilization, limit.resets_at);
  }
  for (const [key, model] of FLAT_MODEL_KEYS) {
    const window = answer[key];
    if (window) add(model, window.utilization, window.resets_at);
  }
  return out;
}

/** `scope.model.display_name`, else its id, else a name implied by the kind (`weekly_opus` → `Opus`). */
function modelName(limit: Limit): string | null {
  const model = limit.scope?.model;
  const named = model ? (model.display_name ?? model.id) : null;
  if (named) return named;
  const suffix = (limit.kind ?? '').slice('weekly_'.length);
  if (!suffix || suffix === 'scoped') return null;
  return suffix.charAt(0).toUpperCase() + suffix.slice(1);
}
