import type { ReactNode } from 'react';
import { START_BROKER_FIX } from '../../shared/domain/broker-advice';
import { formatAge } from '../../shared/domain/format/duration';
import type { QuotaState } from '../../shared/ipc/contract';
import { formatClock } from '../format/time';
import { isCacheStale } from '../model/slot-view';

interface BannerProps {
  tone: 'bad' | 'warn' | 'info';
  children: ReactNode;
}

/** A full-width message above the slots; `bad` ones are announced at once. */
export function Banner({ tone, children }: BannerProps) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'bad' ? 'alert' : 'status'}>
      <p>{children}</p>
    </div>
  );
}

/** Every banner the state calls for, most serious first. */
export function StateBanners({ state, now }: { state: QuotaState; now: number }) {
  const { cache } = state;
  return (
    <>
      {cache?.all_inactive && (
        <Banner tone="bad">
          <strong>All slots are inactive.</strong> Claude Code has no working account until you re-login one
          of them.
        </Banner>
      )}
      {state.registry_error && (
        <Banner tone="bad">
          <strong>The slot registry could not be read.</strong> {state.registry_error} The broker keeps using
          the last good registry.
        </Banner>
      )}
      {state.broker.role === 'none' && (
        <Banner tone="warn">
          <strong>No broker is running,</strong> so nothing refreshes. To start one, {START_BROKER_FIX}.
        </Banner>
      )}
      {cache && isCacheStale(cache, now) && cache.ts != null && (
        <Banner tone="warn">
          <strong>The cache is {formatAge(now - cache.ts)} old</strong> (last written{' '}
          {formatClock(cache.ts, now)}).
        </Banner>
      )}
    </>
  );
}
