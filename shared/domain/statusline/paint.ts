/**
 * ANSI colour for the statusline (docs/statusline.md "Colours"). Claude Code's statusLine renders SGR
 * colours; so do ccstatusline (with "preserve colors") and claude-powerline's composed lines. Only the
 * foreground and the intensity are set and reset (`22;39`, never `0`), so a segment inside a host that
 * paints a background keeps that background. Pure.
 */
import { DEFAULT_STATUSLINE_THRESHOLDS, isThresholdPair } from './color-settings';

/** SGR parameters: green, amber (yellow), red; `2;…` dims. */
export type Sgr = '32' | '33' | '31' | '2' | `2;${'32' | '33' | '31'}`;

/** What the line's colours follow: the usage thresholds, or null for no colour at all. */
export interface LineColors {
  thresholds: [number, number];
}

/** True when `NO_COLOR` is set to anything but the empty string (https://no-color.org). */
export function isNoColor(env: Record<string, string | undefined>): boolean {
  return typeof env.NO_COLOR === 'string' && env.NO_COLOR !== '';
}

/**
 * The colours the line uses, from the settings the engine copied into the cache (`statusline_color`,
 * `statusline_color_thresholds`) and the environment; null when `NO_COLOR` or the setting turns them off.
 */
export function getLineColors(
  cache: { statusline_color?: unknown; statusline_color_thresholds?: unknown } | null,
  env: Record<string, string | undefined>,
): LineColors | null {
  if (isNoColor(env) || cache?.statusline_color === false) return null;
  const t = cache?.statusline_color_thresholds;
  return { thresholds: isThresholdPair(t) ? t : DEFAULT_STATUSLINE_THRESHOLDS };
}

/** Green below the first threshold, amber below the second, red from it. */
export function getUsageSgr(utilization: number, thresholds: [number, number]): '32' | '33' | '31' {
  if (utilization >= thresholds[1]) return '31';
  if (utilization >= thresholds[0]) return '33';
  return '32';
}

/** `text` in the given colour; empty text stays empty (so runs of spaces still collapse). */
export function paint(text: string, sgr: Sgr | null): string {
  return text && sgr ? `\u001b[${sgr}m${text}\u001b[22;39m` : text;
}

/** Dims a colour (stale data); a plain token becomes dim. */
export function dimmed(sgr: '32' | '33' | '31' | null): Sgr {
  return sgr ? `2;${sgr}` : '2';
}
