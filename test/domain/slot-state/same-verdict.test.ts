/**
 * Every surface gives the same verdict for the same slot, because each renders the one slot state:
 * the dashboard/popover model, the tray, `quota-broker status`, the statusline, doctor and the alerts.
 * The three cases below are the disagreements the surfaces had before they shared it.
 */
import { describe, expect, it } from 'vitest';
import { getTrayIconState } from '../../../electron/tray-state';
import { getSlotView } from '../../../renderer/model/slot-view';
import { renderStatusTable } from '../../../shared/cli/commands/status-view';
import { loginExpiryCondition } from '../../../shared/domain/alerts/conditions/login-expiry';
import { DEFAULT_ALERT_SETTINGS } from '../../../shared/domain/alerts/settings';
import { createEmptyAlertState } from '../../../shared/domain/alerts/state';
import { getDoctorReport } from '../../../shared/domain/doctor/report';
import { getColours } from '../../../shared/domain/format/colours';
import { formatStatusline } from '../../../shared/domain/statusline/format';
import { getStatuslineView } from '../../../shared/domain/statusline/view';
import type { CacheFile, CacheSlot } from '../../../shared/domain/types';
import { DAY, HOUR, makeCache, makeSlot, NOW } from '../../renderer/fixtures';
import { NOW as DOCTOR_NOW, globalFacts, slotFacts } from '../doctor/facts';

const plain = getColours(false);

function statuslineFor(cache: CacheFile, id: string): string {
  const view = getStatuslineView({
    cache,
    attribution: { slotId: id, configDir: cache.slots[id].config_dir, by: 'env', certain: true },
    observation: null,
    now: NOW,
  });
  return formatStatusline(view, { now: NOW, timeZone: 'UTC' });
}

const statusRow = (table: string, id: string) => table.split('\n').find((l) => l.startsWith(id)) ?? '';

describe('the same verdict on every surface', () => {
  it('a disabled slot with 5-hour-old data is not "stale" anywhere (it is not polled on purpose)', () => {
    const paused = makeSlot({
      enabled: false,
      last_fetched: NOW - 5 * HOUR,
      config_dir: '/home/me/.claude-p',
    });
    const cache = makeCache({ work: makeSlot(), paused });
    expect(getSlotView('paused', paused, cache, NOW)).toMatchObject({ stale: false, enabled: false });
    expect(getTrayIconState(cache, NOW)).toBe('ok');
    const table = renderStatusTable(cache, NOW, plain);
    expect(statusRow(table, 'paused')).not.toContain('(stale)');
    expect(table).not.toContain('Something looks wrong');
    expect(statuslineFor(cache, 'paused')).toContain('⏸disabled');
    expect(statuslineFor(cache, 'paused')).not.toContain('🔺');
  });

  it('an inactive slot whose health is neither login_dead nor no_credentials is offered a re-login everywhere', () => {
    const client = makeSlot({ status: 'inactive', health: 'offline', config_dir: '/home/me/.claude-c' });
    const cache = makeCache({ work: makeSlot(), client });
    expect(getSlotView('client', client, cache, NOW)).toMatchObject({
      needsLogin: true,
      action: { kind: 'relogin', command: 'quota-broker relogin client' },
    });
    expect(getTrayIconState(cache, NOW)).toBe('relogin');
    expect(renderStatusTable(cache, NOW, plain)).toContain(
      'client: login needed — run: quota-broker relogin client',
    );
    expect(statuslineFor(cache, 'client')).toContain('⛔inactive');
  });

  it.each([
    [7, true],
    [3, false],
  ])(
    'alerts.login_expiry_warn_days = %i and a login expiring in 5 days: warned everywhere = %s',
    (days, warned) => {
      const expires = NOW + 5 * DAY;
      const slot: CacheSlot = makeSlot({ login_expires_at: expires });
      // The engine copies the setting into the cache (engine test: cycle-settings.test.ts); the UI reads it there.
      const cache = makeCache({ work: slot }, { login_expiry_warn_days: days });
      expect(getSlotView('work', slot, cache, NOW).loginExpiringSoon).toBe(warned);

      const credentials = {
        state: 'ok' as const,
        where: '/home/me/.claude-1/.credentials.json',
        accessExpiresAt: DOCTOR_NOW + 6 * HOUR,
        loginExpiresAt: DOCTOR_NOW + 5 * DAY,
        fingerprint: 'fp-1',
      };
      const report = getDoctorReport(
        {
          global: globalFacts({ loginExpiryWarnDays: days }),
          slots: [slotFacts({ id: 'work', credentials })],
          online: false,
        },
        DOCTOR_NOW,
      );
      const codes = report.findings.filter((f) => f.scope === 'work').map((f) => f.code);
      expect(codes).toContain(warned ? 'login_expiring' : 'login_valid');

      const alerts = loginExpiryCondition({
        previous: createEmptyAlertState(),
        engine: { cache, brokerRunning: true },
        settings: { ...DEFAULT_ALERT_SETTINGS, login_expiry_warn_days: days },
        now: NOW,
      });
      expect(alerts.conditions.map((c) => c.kind)).toEqual(warned ? ['login_expiring'] : []);
    },
  );
});
