import { useEffect, useState } from 'react';
import type { HistoryPoint, QuotaApi } from '../../shared/ipc/contract';

/**
 * A slot's utilisation history, fetched on mount and again whenever `revision` changes
 * (the row passes its `last_fetched`, so a new data point means a new fetch). Null until loaded.
 */
export function useHistory(api: QuotaApi, slot: string, revision: number | null): HistoryPoint[] | null {
  const [points, setPoints] = useState<HistoryPoint[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the trigger, not an input
  useEffect(() => {
    let live = true;
    api
      .getHistory(slot)
      .then((result) => {
        if (live && result.ok) setPoints(result.value);
      })
      .catch(() => undefined); // the sparkline is a nicety; its absence says enough
    return () => {
      live = false;
    };
  }, [api, slot, revision]);
  return points;
}
