import { useId } from 'react';
import { formatCountdown } from '../../shared/domain/format/duration';
import { formatPercent } from '../../shared/domain/format/percent';
import type { UsageWindow } from '../../shared/domain/types';
import { getWindowPhase } from '../../shared/domain/usage-window';
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

/** What the bar, the percentage and the reset column say for the window's phase. */
function describeWindow(window: UsageWindow | null, now: number) {
  const at = getWindowPhase(window, now);
  switch (at.phase) {
    case 'none':
      return { value: 0, percent: '–', spoken: 'no data', reset: '', title: undefined };
    case 'no_reset':
      return {
        value: at.utilization,
        percent: formatPercent(at.utilization, '–'),
        reset: '',
        title: undefined,
      };
    case 'reset':
      // The old utilisation is no longer true (docs/statusline.md "Format": `⏱:reset`): no bar, no number.
      return {
        value: 0,
        percent: '–',
        spoken: 'reset; new numbers at the next refresh',
        reset: 'reset',
        title: `Reset ${formatClock(at.resetAt, now)}; new numbers at the next refresh`,
      };
    case 'running':
      return {
        value: at.utilization,
        percent: formatPercent(at.utilization, '–'),
        reset: `resets in ${formatCountdown(at.leftMs)}`,
        title: `Resets ${formatClock(at.resetAt, now)}`,
      };
  }
}

/**
 * One utilisation window: a native `<meter>` (coloured by its low/high bands, so no inline style is
 * needed under the CSP), the rounded percentage, the countdown to the reset — or "reset" once it has
 * passed, with no bar — and, under the bar, its pace.
 */
export function UsageBar({ label, name, window, now, minor = false, pace = null }: UsageBarProps) {
  const paceId = useId();
  const shown = describeWindow(window, now);
  const isReset = shown.reset === 'reset';
  const classes = ['usage', minor && 'usage--minor', isReset && 'usage--reset'].filter(Boolean).join(' ');
  return (
    <div className={classes}>
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
        value={Math.min(100, Math.max(0, shown.value))}
        aria-valuetext={shown.spoken ?? shown.percent}
        aria-describedby={pace ? paceId : undefined}
      />
      <span className="usage__percent">{shown.percent}</span>
      <span className="usage__reset" title={shown.title}>
        {shown.reset}
      </span>
      {pace && (
        <span id={paceId} className={`usage__pace usage__pace--${pace.tone}`}>
          {pace.text}
        </span>
      )}
    </div>
  );
}
