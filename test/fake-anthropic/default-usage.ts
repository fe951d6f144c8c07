import { readFileSync } from 'node:fs';

const FIXTURE = new URL('../fixtures/usage-response.json', import.meta.url);

let cached: string | null = null;

/** A fresh copy of the fixture usage answer (the real endpoint's shape). */
export function defaultUsage(): unknown {
  cached ??= readFileSync(FIXTURE, 'utf8');
  return JSON.parse(cached);
}

const HOUR_MS = 3_600_000;

/**
 * The fixture answer with its resets ahead of the clock (the fixture's own dates have passed, and a
 * window whose reset has passed shows "reset", not its number) and, when given, other utilisations.
 */
export function usageAhead(fiveHour?: number, week?: number): unknown {
  const usage = defaultUsage() as Record<string, { utilization: number; resets_at: string }>;
  usage.five_hour.resets_at = new Date(Date.now() + 2.5 * HOUR_MS).toISOString();
  usage.seven_day.resets_at = new Date(Date.now() + 75 * HOUR_MS).toISOString();
  if (fiveHour !== undefined) usage.five_hour.utilization = fiveHour;
  if (week !== undefined) usage.seven_day.utilization = week;
  return usage;
}
