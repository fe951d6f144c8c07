/** Builders for doctor facts in pure tests: a healthy setup, overridden per case. */
import type { GlobalFacts, SlotFacts } from '../../../shared/domain/doctor/types';
import type { CacheSlot } from '../../../shared/domain/types';

export const NOW = Date.UTC(2026, 1, 8, 12, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;

export function cacheSlot(over: Partial<CacheSlot> = {}): CacheSlot {
  return {
    email: 'one@example.com',
    label: null,
    status: 'active',
    health: 'ok',
    last_fetched: NOW - 2 * MIN,
    last_attempt: NOW - 2 * MIN,
    source: 'endpoint',
    last_error: null,
    five_hour: { utilization: 37, resets_at: null },
    seven_day: { utilization: 51, resets_at: null },
    weekly_by_model: [],
    extra_usage: null,
    access_expires_at: NOW + 6 * HOUR,
    login_expires_at: null,
    subscription: 'max',
    rate_limit_tier: null,
    requests_last_hour: 3,
    config_dir: '/home/me/.claude-1',
    ...over,
  };
}

export function slotFacts(over: Partial<SlotFacts> = {}): SlotFacts {
  return {
    id: 'slot-1',
    email: 'one@example.com',
    configDir: '/home/me/.claude-1',
    claudeConfigDirEnv: '/home/me/.claude-1',
    configDirExists: true,
    enabled: true,
    status: 'active',
    credentials: {
      state: 'ok',
      where: '/home/me/.claude-1/.credentials.json',
      accessExpiresAt: NOW + 6 * HOUR,
      loginExpiresAt: null,
      fingerprint: 'fp-1',
    },
    cache: cacheSlot(),
    backoff: null,
    requests: [NOW - 2 * MIN, NOW - 7 * MIN, NOW - 12 * MIN],
    inactiveFingerprint: null,
    loginSeenAt: NOW - 12 * 24 * HOUR,
    probe: null,
    ...over,
  };
}

export function globalFacts(over: Partial<GlobalFacts> = {}): GlobalFacts {
  return {
    stateDir: { path: '/home/me/.claude/session-health', exists: true, mode: 0o700 },
    untrusted: [],
    registry: { state: 'ok', path: '/home/me/.claude/session-health/claude-sessions.yaml', slots: 1 },
    slotsOrigin: 'file',
    staleThresholdS: 600,
    loginExpiryWarnDays: 3,
    refreshIntervalS: 300,
    maxCallsPerHour: 12,
    tokenRefresh: 'auto',
    claudeBin: '/usr/local/bin/claude',
    cache: {
      state: 'ok',
      path: '/home/me/.claude/session-health/merged-quota-cache.json',
      ts: NOW - 2 * MIN,
      allInactive: false,
      writer: { app: 'quota-broker', pid: 4242 },
    },
    unadopted: { registries: [], configDirs: [] },
    broker: { alive: true, pid: 4242, surface: 'daemon', heartbeatAgeMs: 3000, lastCycleAt: NOW - 2 * MIN },
    service: {
      kind: 'systemd',
      path: '/home/me/.config/systemd/user/quota-broker.service',
      installed: true,
      stdout: 'append:/home/me/.claude/session-health/broker.log',
      stderr: 'append:/home/me/.claude/session-health/broker.log',
      command: '/usr/bin/node /opt/qb/bin/quota-broker.cjs daemon',
      missingProgram: null,
    },
    cron: { sources: ['crontab -l', '/etc/cron.d', '/etc/crontab'], note: null, lines: [] },
    log: {
      path: '/home/me/.claude/session-health/broker.log',
      exists: true,
      recentErrors: [],
      deliveryFailures: [],
    },
    openAlerts: [],
    delivery: {
      platform: 'linux',
      enabled: true,
      notifyCommand: false,
      notifier: { name: 'notify-send', path: '/usr/bin/notify-send' },
      display: true,
      sessionBus: true,
    },
    ...over,
  };
}
