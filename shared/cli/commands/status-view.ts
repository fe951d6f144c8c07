/** The human `status` table (also printed after `refresh`). */
import { isStale } from '../../domain/health';
import type { CacheFile, CacheSlot } from '../../domain/types';
import { type Colours, formatAge, formatPercent, renderTable } from '../format';

const DEAD = new Set(['login_dead', 'no_credentials']);

function errorText(slot: CacheSlot, now: number): string {
  const e = slot.last_error;
  if (!e) return '';
  return `${e.kind} ${formatAge(now - e.at)} ago: ${e.message}`;
}

/** Renders the table; stale and dead rows stand out. */
export function renderStatusTable(cache: CacheFile, now: number, c: Colours): string {
  const threshold = cache.stale_threshold_s ?? 600;
  const rows: string[][] = [['SLOT', 'EMAIL', 'STATUS', 'HEALTH', '5H', 'WEEKLY', 'AGE', 'LAST ERROR']];
  for (const [id, s] of Object.entries(cache.slots)) {
    const disabled = s.enabled === false || s.health === 'disabled';
    // A disabled slot is not polled on purpose: its old data is not "stale".
    const stale = !disabled && isStale(s.last_fetched, now, threshold);
    const paint = disabled
      ? c.dim
      : DEAD.has(s.health ?? '') || s.status === 'inactive'
        ? c.red
        : stale || s.health !== 'ok'
          ? c.yellow
          : (x: string) => x;
    const mark = id === cache.recommended ? '*' : '';
    rows.push([
      paint(`${id}${mark}`),
      s.email ?? '—',
      paint(s.status ?? '?'),
      paint(s.health ?? '?'),
      formatPercent(s.five_hour?.utilization),
      formatPercent(s.seven_day?.utilization),
      paint(formatAge(s.last_fetched == null ? null : now - s.last_fetched) + (stale ? ' (stale)' : '')),
      c.dim(errorText(s, now).slice(0, 90)),
    ]);
  }
  const lines = [renderTable(rows)];
  // An old writer's cache may not say when it was written: its age is unknown, so it counts as stale.
  const cacheAge = cache.ts == null ? null : now - cache.ts;
  lines.push('');
  if (cache.recommended) lines.push(`* recommended: ${cache.recommended}`);
  lines.push(
    `cache written ${formatAge(cacheAge)} ago${cacheAge == null || cacheAge > threshold * 1000 ? c.yellow(' (stale)') : ''}`,
  );
  if (cache.all_inactive) {
    const dead = Object.keys(cache.slots).filter((id) => cache.slots[id].enabled !== false);
    lines.push(c.red(c.bold('ALL SLOTS INACTIVE: no account can be used.')));
    for (const id of dead) lines.push(c.red(`  run: quota-broker relogin ${id}`));
  } else {
    for (const [id, s] of Object.entries(cache.slots)) {
      if (DEAD.has(s.health ?? ''))
        lines.push(c.red(`${id}: login needed — run: quota-broker relogin ${id}`));
    }
  }
  if (needsDoctor(cache, now, threshold))
    lines.push(c.dim('Something looks wrong: run quota-broker doctor for causes and fixes.'));
  return lines.join('\n');
}

/** True when a slot or the cache is stale, dead or unhealthy: worth a pointer to `doctor`. */
function needsDoctor(cache: CacheFile, now: number, thresholdS: number): boolean {
  if (cache.ts == null || now - cache.ts > thresholdS * 1000 || cache.all_inactive) return true;
  return Object.values(cache.slots).some(
    (s) =>
      s.enabled !== false &&
      s.health !== 'disabled' &&
      (s.health !== 'ok' || s.status === 'inactive' || isStale(s.last_fetched, now, thresholdS)),
  );
}
