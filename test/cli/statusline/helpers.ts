/** Shared fixtures for the statusline CLI tests: a temp state dir and caches in the shape of docs/contracts.md "The cache file". */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerPaths, getBrokerPaths } from '../../../shared/adapters/paths';
import type { CacheFile, CacheSlot } from '../../../shared/domain/types';

export const MIN = 60_000;
export const HOUR = 3_600_000;

export function makeTempPaths(): { root: string; paths: BrokerPaths } {
  const root = mkdtempSync(join(tmpdir(), 'qb-statusline-'));
  const home = join(root, 'home');
  mkdirSync(join(home, '.claude'), { recursive: true });
  return { root, paths: getBrokerPaths({ HOME: home, QUOTA_BROKER_HOME: join(root, 'state') }, home) };
}

export function makeSlot(now: number, over: Partial<CacheSlot> = {}): CacheSlot {
  return {
    email: 'w@example.com',
    label: null,
    status: 'active',
    health: 'ok',
    last_fetched: now - MIN,
    last_attempt: now - MIN,
    source: 'endpoint',
    last_error: null,
    five_hour: { utilization: 37, resets_at: new Date(now + 2.5 * HOUR).toISOString() },
    seven_day: { utilization: 51, resets_at: new Date(now + 27.5 * HOUR).toISOString() },
    weekly_by_model: [],
    extra_usage: null,
    access_expires_at: null,
    login_expires_at: null,
    subscription: 'max',
    rate_limit_tier: null,
    requests_last_hour: 1,
    config_dir: '/nowhere',
    ...over,
  };
}

export function makeCache(
  now: number,
  slots: Record<string, CacheSlot>,
  over: Partial<CacheFile> = {},
): CacheFile {
  return {
    version: 1,
    ts: now - MIN,
    writer: { pid: 1, app: 'quota-broker', app_version: '0.0.0' },
    all_inactive: false,
    recommended: Object.keys(slots)[0] ?? null,
    stale_threshold_s: 600,
    slots,
    ...over,
  };
}

export function writeCache(paths: BrokerPaths, cache: CacheFile | string): void {
  mkdirSync(paths.stateDir, { recursive: true });
  writeFileSync(paths.cache, typeof cache === 'string' ? cache : JSON.stringify(cache));
}

/** A stdin as Claude Code sends it, with rate_limits (epoch seconds) when given. */
export function makeStdin(
  transcriptPath: string,
  limits?: { five: number; seven: number; fiveResetS: number; sevenResetS: number },
): string {
  const body: Record<string, unknown> = { session_id: 'sess-1', transcript_path: transcriptPath, cwd: '/p' };
  if (limits) {
    body.rate_limits = {
      five_hour: { used_percentage: limits.five, resets_at: limits.fiveResetS },
      seven_day: { used_percentage: limits.seven, resets_at: limits.sevenResetS },
    };
  }
  return JSON.stringify(body);
}
