/** The human `status` table (also printed after `refresh`). */

import { shortenAtWord } from '../../domain/format/shorten';
import { getReloginCommand, getSlotStates, isCacheStale } from '../../domain/slot-state';
import type { CacheFile, CacheSlot } from '../../domain/types';
import { type Colours, formatAge, formatPercent, renderTable } from '../format';

/** The LAST ERROR column's width in characters; longer messages end at a word with `…` (doctor has them whole). */
const LAST_ERROR_WIDTH = 90;

function errorText(slot: CacheSlot, now: number): string {
  const e = slot.last_error;
  if (!e) return '';
  return `${e.kind} ${formatAge(now - e.at)} ago: ${e.message}`;
}

/** Renders the table; stale and dead rows stand out (verdicts from the shared slot state). */
export function renderStatusTable(cache: CacheFile, now: number, c: Colours): string {
  const rows: string[][] = [['SLOT', 'EMAIL', 'STATUS', 'HEALTH', '5H', 'WEEKLY', 'AGE', 'LAST ERROR']];
  const states = getSlotStates(cache, now);
  for (const [id, state] of states) {
    const s = cache.slots[id];
    const paint = !state.enabled
      ? c.dim
      : state.needsLogin
        ? c.red
        : state.condition !== 'ok'
          ? c.yellow
          : (x: string) => x;
    const mark = id === cache.recommended ? '*' : '';
    rows.push([
      paint(`${id}${mark}`),
      s.email ?? '—',
      paint(s.status ?? '—'),
      paint(s.health ?? '—'),
      formatPercent(s.five_hour?.utilization),
      formatPercent(s.seven_day?.utilization),
      paint(formatAge(state.dataAgeMs) + (state.stale ? ' (stale)' : '')),
      c.dim(shortenAtWord(errorText(s, now), LAST_ERROR_WIDTH)),
    ]);
  }
  const lines = [renderTable(rows)];
  const cacheAge = cache.ts == null ? null : now - cache.ts;
  const cacheStale = isCacheStale(cache, now);
  lines.push('');
  if (cache.recommended) lines.push(`* recommended: ${cache.recommended}`);
  lines.push(
    `${cacheAge == null ? 'cache write time unknown' : `cache written ${formatAge(cacheAge)} ago`}${cacheStale ? c.yellow(' (stale)') : ''}`,
  );
  if (cache.all_inactive) {
    lines.push(c.red(c.bold('ALL SLOTS INACTIVE: no account can be used.')));
    for (const [id, state] of states) if (state.enabled) lines.push(c.red(`  run: ${getReloginCommand(id)}`));
  } else {
    for (const [id, state] of states) {
      if (state.needsLogin) lines.push(c.red(`${id}: login needed — run: ${getReloginCommand(id)}`));
    }
  }
  const somethingWrong = cacheStale || states.some(([, state]) => state.enabled && state.condition !== 'ok');
  if (somethingWrong)
    lines.push(c.dim('Something looks wrong: run quota-broker doctor for causes and fixes.'));
  return lines.join('\n');
}
