import { formatAgo, formatCountdown } from '../../shared/domain/format/duration';
import type { ExtraUsage } from '../../shared/domain/types';
import { formatMinorUnits } from '../format/money';
import { formatDataAge } from '../format/slot-text';
import { formatClock } from '../format/time';
import type { SlotView } from '../model/slot-view';

function formatExtraUsage(extra: ExtraUsage | null): string | null {
  if (!extra) return null;
  if (!extra.is_enabled) return 'off';
  const used = extra.used === null ? null : formatMinorUnits(extra.used, extra.currency);
  const limit = extra.limit === null ? null : formatMinorUnits(extra.limit, extra.currency);
  if (used && limit) return `${used} of ${limit}`;
  if (used) return `${used} (no limit)`;
  return limit ? `on, limit ${limit}` : 'on';
}

function formatLoginExpiry(view: SlotView, now: number): string | null {
  if (view.loginExpiresInMs === null) return null;
  if (view.loginExpiresInMs <= 0) return 'expired';
  const at = formatClock(now + view.loginExpiresInMs, now);
  return `in ${formatCountdown(view.loginExpiresInMs)} (${at})`;
}

/** The smaller facts of a slot: data age and source, last success, extra usage, login expiry. */
export function SlotFacts({ view, now }: { view: SlotView; now: number }) {
  const { slot } = view;
  const extra = formatExtraUsage(slot.extra_usage);
  const loginExpiry = formatLoginExpiry(view, now);
  const lastTry =
    slot.last_attempt !== null && slot.last_attempt > (slot.last_fetched ?? 0) ? slot.last_attempt : null;
  return (
    <dl className="facts">
      <dt>Data</dt>
      <dd className="facts__age">{formatDataAge(slot.source, slot.last_fetched, now)}</dd>
      {slot.last_fetched !== null && (
        <>
          <dt>Last success</dt>
          <dd>
            {formatClock(slot.last_fetched, now)}
            {lastTry !== null && <span className="muted"> · last try {formatAgo(now - lastTry)}</span>}
          </dd>
        </>
      )}
      {extra !== null && (
        <>
          <dt>Extra usage</dt>
          <dd>{extra}</dd>
        </>
      )}
      {loginExpiry !== null && (
        <>
          <dt>Login expires</dt>
          <dd className={view.loginExpiringSoon ? 'facts__warn' : undefined}>{loginExpiry}</dd>
        </>
      )}
    </dl>
  );
}
