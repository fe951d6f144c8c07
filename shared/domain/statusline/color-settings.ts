/**
 * The statusline's colour settings in the registry (docs/statusline.md "Colours"):
 * `settings.statusline_color` (true/false) and `settings.statusline_color_thresholds` ([amber, red]).
 * Validated here; the engine copies the result into the cache, where the statusline reads it. A bad value
 * never stops anything: it falls back to its default and yields one sentence for the log.
 */
import type { BrokerSettings } from '../types';

/** Amber from 70 %, red from 90 % (below 70 % green). */
export const DEFAULT_STATUSLINE_THRESHOLDS: [number, number] = [70, 90];

export interface StatuslineColorSettings {
  enabled: boolean;
  /** [amber from, red from], percentages, ascending. */
  thresholds: [number, number];
}

/** True for two ascending percentages in (0, 100]. */
export function isThresholdPair(v: unknown): v is [number, number] {
  return (
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((n) => typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 100) &&
    v[0] < v[1]
  );
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** The registry's statusline colour settings with defaults, plus one sentence per bad value. */
export function getStatuslineColorSettings(settings: Partial<BrokerSettings> | null | undefined): {
  settings: StatuslineColorSettings;
  errors: string[];
} {
  const errors: string[] = [];
  const enabledRaw = settings?.statusline_color;
  let enabled = true;
  if (typeof enabledRaw === 'boolean') enabled = enabledRaw;
  else if (enabledRaw !== undefined && enabledRaw !== null)
    errors.push(
      `settings.statusline_color must be true or false (got ${show(enabledRaw)}); colours stay on.`,
    );
  const thresholdsRaw = settings?.statusline_color_thresholds;
  let thresholds = DEFAULT_STATUSLINE_THRESHOLDS;
  if (isThresholdPair(thresholdsRaw)) thresholds = [thresholdsRaw[0], thresholdsRaw[1]];
  else if (thresholdsRaw !== undefined && thresholdsRaw !== null)
    errors.push(
      `settings.statusline_color_thresholds must be two ascending percentages like [70, 90] (got ${show(thresholdsRaw)}); using [70, 90].`,
    );
  return { settings: { enabled, thresholds }, errors };
}
