import { memo } from 'react';
import { DAY_MS } from '../../shared/domain/format/duration';
import type { HistoryPoint } from '../../shared/ipc/contract';

/** How far back the sparkline reaches. */
export const SPARKLINE_WINDOW_MS = 7 * DAY_MS;
const WIDTH = 120;
const HEIGHT = 24;

type Series = 'five_hour' | 'seven_day';

function toPoints(points: HistoryPoint[], series: Series, start: number, end: number): string {
  const span = Math.max(1, end - start);
  return points
    .filter((p) => p.t >= start && p.t <= end && p[series] !== null)
    .map((p) => {
      const x = ((p.t - start) / span) * WIDTH;
      const y = HEIGHT - (Math.min(100, Math.max(0, p[series] ?? 0)) / 100) * HEIGHT;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

function describeHistory(points: HistoryPoint[]): string {
  const weekly = points.map((p) => p.seven_day).filter((v): v is number => v !== null);
  if (weekly.length === 0) return 'No weekly usage recorded in the last 7 days';
  const first = Math.round(weekly[0]);
  const last = Math.round(weekly[weekly.length - 1]);
  const peak = Math.round(Math.max(...weekly));
  return `Weekly usage over the last 7 days: from ${first}% to ${last}%, peak ${peak}%`;
}

interface SparklineProps {
  points: HistoryPoint[] | null;
  now: number;
}

/** Weekly (solid) and 5-hour (faint) utilisation over the last 7 days, as inline SVG. */
export const Sparkline = memo(function Sparkline({ points, now }: SparklineProps) {
  if (points === null) return null;
  const start = now - SPARKLINE_WINDOW_MS;
  const recent = points.filter((p) => p.t >= start && p.t <= now);
  if (recent.length < 2) return <p className="sparkline sparkline--empty">No usage history yet</p>;
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={describeHistory(recent)}
    >
      <line className="sparkline__warn" x1={0} x2={WIDTH} y1={HEIGHT * 0.2} y2={HEIGHT * 0.2} />
      <polyline className="sparkline__five" points={toPoints(recent, 'five_hour', start, now)} />
      <polyline className="sparkline__week" points={toPoints(recent, 'seven_day', start, now)} />
    </svg>
  );
});
