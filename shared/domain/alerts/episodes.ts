/** Open episodes as status and doctor show them. Pure. */
import { compareIds } from '../compare-ids';
import type { OpenAlertJson } from '../schemas/output/status';
import type { AlertState, Episode } from './types';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/**
 * The open problem episodes, most severe first, then oldest first. Includes held (pending) and
 * silent ones — a login that died while all slots were inactive is still an open problem — and
 * leaves out good news (capacity back).
 */
export function openEpisodes(state: AlertState): Episode[] {
  return Object.values(state.episodes)
    .filter((e) => e.kind !== 'capacity_back')
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.opened_at - b.opened_at ||
        compareIds(a.id, b.id),
    );
}

/** An open episode as the `--json` documents list it: the same in `status`, `refresh` and `doctor`. */
export function getOpenAlertJson(e: Episode): OpenAlertJson {
  return {
    id: e.id,
    kind: e.kind,
    severity: e.severity,
    slot: e.slot,
    title: e.title,
    opened_at: e.opened_at,
  };
}
