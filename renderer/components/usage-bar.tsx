import { useId } from 'react';
import { formatCountdown, parseIsoMs } from '../../shared/domain/format/duration';
import { formatPercent } from '../../shared/domain/format/percent';
import type { UsageWindow } from '../../shared/domain/types';
import type { PaceLine } from '../format/pace';
import { formatClock } from '../format/time';

/** Bars turn amber at this utilisation and red at the next (docs/alerts.md alert defaults). */
export const WARN_PERCENT = 80;
export const DANGER_PERCENT = 95;

interface UsageBarProps {
  /** Short visible label: `5h`, `Week`, `Opus`. */
  label: string;
  /** Spoken name of the meter: `5-hour usage`. */
  name: string;
  window: UsageWindow | null;
  now: number;
  minor?: boolean;
  /** Where the window is heading, shown under the bar (and read with the meter). */
  pace?: PaceLine | null;
}

/**
 * One utilisation window: a native `<meter>` (coloured by its low/high bands, so no inline style is
 * needed under the CSP), the rounded percentage, the countdown to the reset and, under the bar, its pace.
 */
export function UsageBar({ label, name, window, now, minor = false, pace = null }: UsageBarProps) {
  const paceId = useId();
  const resetMs = parseIsoMs(window?.resets_at);
  const percent = formatPercent(window?.utilization, '–');
  return (
    <div className={minor ? 'usage usage--minor' : 'usage'}>
      <span className="usage__label" aria-hidden="true">
        {label}
      </span>
      <meter
        aria-label={name}
        className="usage__meter"
        min={0}
        max={100}
        low={WARN_PERCENT}
        high={DANGER_PERCENT}
        optimum={0}
        value={window ? Math.min(100, Math.max(0, window.utilization)) : 0}
        aria-valuetext={window ? percent : 'no data'}
        aria-describedby={pace ? paceId : undefined}
      />
      <span className="usage__percent">{percent}</span>
      <span
        className="usage__reset"
        title={resetMs === null ? undefined : `Resets ${formatClock(resetMs, now)}`}
      >
        {resetMs === null ? '' : `resets in ${formatCountdown(resetMs - now)}`}
      </span>
      {pace && (
        <span id={paceId} className={`usage__pace usage__pace--${pace.tone}`}>
          {pace.text}
        </span>
      )}
    </div>
  );
}
