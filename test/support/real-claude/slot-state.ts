/**
 * A broker state dir for the statusLine tests in the real Claude Code TUI: a "live broker" (its lock dir,
 * so the statusline never spawns a refresh) and a one-slot cache for a config dir, renamed into place as
 * the engine writes it (the statusline never reads half a file).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const H = 3_600_000;

/** Writes (or rewrites) the cache: slot `slot-1` for `configDir`, healthy, with `over` on top. */
export function writeSlotCache(
  stateDir: string,
  configDir: string,
  over: Record<string, unknown> = {},
): void {
  const now = Date.now();
  const slot = {
    email: 'tui@example.com',
    label: 'TUI',
    status: 'active',
    health: 'ok',
    last_fetched: now,
    last_attempt: now,
    source: 'endpoint',
    last_error: null,
    weekly_by_model: [],
    extra_usage: null,
    access_expires_at: null,
    login_expires_at: null,
    subscription: 'max',
    rate_limit_tier: null,
    requests_last_hour: 1,
    config_dir: configDir,
    five_hour: { utilization: 37, resets_at: new Date(now + 2.5 * H).toISOString() },
    seven_day: { utilization: 51, resets_at: new Date(now + 27.5 * H).toISOString() },
    ...over,
  };
  const cache = {
    version: 1,
    ts: now,
    writer: { pid: 1, app: 'quota-broker', app_version: '0' },
    all_inactive: false,
    recommended: 'slot-1',
    slots: { 'slot-1': slot },
  };
  const file = join(stateDir, 'merged-quota-cache.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(cache));
  renameSync(`${file}.tmp`, file);
}

/** A state dir `stateDir` with a live broker and {@link writeSlotCache}'s cache; returns `stateDir`. */
export function writeLiveBrokerState(
  stateDir: string,
  configDir: string,
  over: Record<string, unknown> = {},
): string {
  mkdirSync(join(stateDir, 'broker.lock'), { recursive: true });
  writeSlotCache(stateDir, configDir, over);
  return stateDir;
}
