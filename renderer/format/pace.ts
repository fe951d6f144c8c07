/**
 * The pace line under a usage bar (docs/statusline.md "Pace"): the shared domain's projection from the
 * slot's history (fetched through getHistory) and its sentence, with a tone for the colour. Pure.
 */
import { getPaceSentence } from '../../shared/domain/pace/pace-text';
import { getSlotPace, type PaceWindowName, type SlotPace } from '../../shared/domain/pace/window-pace';
import type { CacheSlot, HistoryPoint } from '../../shared/domain/types';

export type PaceTone = 'bad' | 'warn' | 'muted';

export interface PaceLine {
  text: string;
  tone: PaceTone;
}

/** A projection at or past this utilisation reads as a warning (the bars' amber band starts here too). */
const PACE_WARN_PERCENT = 80;

function getTone(pace: SlotPace[PaceWindowName]): PaceTone {
  if (pace.status !== 'projected') return 'muted';
  if (pace.runs_out_at !== null) return 'bad';
  return pace.at_reset >= PACE_WARN_PERCENT ? 'warn' : 'muted';
}

/**
 * Both windows' lines, or null for a window with nothing to say. `history` null means it has not loaded
 * yet: no line rather than a premature "collecting history".
 */
export function getPaceLines(
  slot: CacheSlot,
  history: HistoryPoint[] | null,
  now: number,
  timeZone?: string,
): Record<PaceWindowName, PaceLine | null> {
  if (history === null) return { five_hour: null, seven_day: null };
  const pace = getSlotPace(slot, history, now);
  const line = (name: PaceWindowName): PaceLine | null => {
    const text = getPaceSentence(name, pace[name], now, timeZone);
    return text ? { text, tone: getTone(pace[name]) } : null;
  };
  return { five_hour: line('five_hour'), seven_day: line('seven_day') };
}
