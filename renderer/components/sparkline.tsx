import { memo } from 'react';
import { DAY_MS, HOUR_MS } from '../../shared/domain/format/duration';
import type { HistoryPoint } from '../../shared/ipc/contract';

/** How far back the sparkline reaches. */
export const SPARKLINE_WINDOW_MS = 7 * DAY_MS;
/**
 * Until the history holds this many readings over this long, there is no line worth drawing: a few
 * points in a corner of a week-wide box look like a divider, not a chart.
 */
export const SPARKLINE_MIN_POINTS = 3;
export const SPARKLINE_MIN_SPAN_MS = HOUR_MS;
const WIDTH = 120;
const HEIGHT = 24;

type Series = 'five_hour' | 'seven_day';

function toPoints(points: HistoryPoint[], series: Series, start: number, end: number): string {
  const span = Math.max(1, end - start);
  return points
    .filter((p) => p[series] !== null)
    .map((p) => {
      const x = ((p.t - start) / span) * WIDTH;
      const y = HEIGHT - (Math.min(100, Math.max(0, p[series] ?? 0)) / 100) * HEIGHT;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

function describeHistory(points: HistoryPoint[], span: string): string {
  const weekly = points.map((p) => p.seven_day).filter((v): v is number => v !== null);
  if (weekly.length === 0) return `No weekly usage recorded in the last ${span}`;
  const first = Math.round(weekly[0]);
  const last = Math.round(weekly[weekly.length - 1]);
  const peak = Math.round(Math.max(...weekly));
  return `Weekly usage over the last ${span}: from ${first}% to ${last}%, peak ${peak}%`;
}

/** `7 days`, `3 days`, `5 hours`: how far back the drawn history reaches. */
function spanWords(ms: number): string {
  const days = Math.round(ms / DAY_MS);
  if (days >= 1) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.max(1, Math.round(ms / HOUR_MS));
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

interface SparklineProps {
  points: HistoryPoint[] | null;
  now: number;
}

/**
 * The history row under the bars: weekly (solid) and 5-hour (faint) utilisation since the first reading
 * of the last 7 days, as inline SVG on a tinted box — or "Collecting history" until there is a line to
 * draw. Nothing while the history loads.
 */
export const Sparkline = memo(function Sparkline({ points, now }: SparklineProps) {
  if (points === null) return null;
  const recent = points.filter((p) => p.t >= now - SPARKLINE_WINDOW_MS && p.t <= now);
  const start = recent[0]?.t ?? now;
  if (recent.length < SPARKLINE_MIN_POINTS || now - start < SPARKLINE_MIN_SPAN_MS) {
    const readings = `${recent.length} reading${recent.length === 1 ? '' : 's'} so far`;
    return (
      <div className="usage history history--collecting">
        <span className="usage__label">History</span>
        <span className="history__note">Collecting history ({readings})</span>
      </div>
    );
  }
  const span = spanWords(now - start);
  return (
    <div className="usage history">
      <span className="usage__label">History</span>
      <svg
        className="sparkline"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={describeHistory(recent, span)}
      >
        <line className="sparkline__warn" x1={0} x2={WIDTH} y1={HEIGHT * 0.2} y2={HEIGHT * 0.2} />
        <polyline className="sparkline__five" points={toPoints(recent, 'five_hour', start, now)} />
        <polyline className="sparkline__week" points={toPoints(recent, 'seven_day', start, now)} />
      </svg>
      <span className="history__span" aria-hidden="true">
        last {span}
      </span>
    </div>
  );
});
