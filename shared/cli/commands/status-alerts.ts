/** The open alert episodes under the `status` table (the alerts module decides them; status only lists). */
import type { Episode } from '../../domain/alerts/types';
import { type Colours, formatAge } from '../format';

/** `Open alerts:` and one line per episode, most severe first (as `readOpenEpisodes` orders them). */
export function renderOpenAlerts(episodes: Episode[], now: number, c: Colours): string {
  const lines = ['', c.bold('Open alerts:')];
  for (const e of episodes) {
    const paint = e.severity === 'critical' ? c.red : e.severity === 'warning' ? c.yellow : (s: string) => s;
    const action = e.action?.type === 'relogin' ? ` — run: quota-broker relogin ${e.action.slot}` : '';
    lines.push(paint(`  ${e.title} (since ${formatAge(now - e.opened_at)} ago)${action}`));
  }
  return lines.join('\n');
}
