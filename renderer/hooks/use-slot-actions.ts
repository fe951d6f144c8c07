import { useCallback, useState } from 'react';
import type { ApiResult, QuotaApi, QuotaState } from '../../shared/ipc/contract';

export interface SlotActions {
  refreshing: boolean;
  pendingToggles: ReadonlySet<string>;
  /** The last action's failure in words, cleared by the next success. */
  error: string | null;
  refresh(): void;
  setEnabled(slot: string, enabled: boolean): void;
}

/** The UI's write actions, each adopting the state the host answers with. */
export function useSlotActions(api: QuotaApi, applyState: (state: QuotaState) => void): SlotActions {
  const [refreshing, setRefreshing] = useState(false);
  const [pendingToggles, setPendingToggles] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);

  const settle = useCallback(
    (what: string, result: ApiResult<QuotaState>) => {
      if (result.ok) {
        applyState(result.value);
        setError(null);
      } else {
        setError(`${what} failed: ${result.error.message}`);
      }
    },
    [applyState],
  );
  const fail = useCallback(
    (what: string, cause: unknown) => setError(`${what} failed: ${String(cause)}`),
    [],
  );

  const refresh = useCallback(() => {
    setRefreshing(true);
    api
      .refreshNow()
      .then(
        (result) => settle('Refresh', result),
        (cause: unknown) => fail('Refresh', cause),
      )
      .finally(() => setRefreshing(false));
  }, [api, settle, fail]);

  const setEnabled = useCallback(
    (slot: string, enabled: boolean) => {
      const what = `${enabled ? 'Enabling' : 'Disabling'} ${slot}`;
      setPendingToggles((all) => new Set(all).add(slot));
      api
        .setEnabled(slot, enabled)
        .then(
          (result) => settle(what, result),
          (cause: unknown) => fail(what, cause),
        )
        .finally(() =>
          setPendingToggles((all) => {
            const next = new Set(all);
            next.delete(slot);
            return next;
          }),
        );
    },
    [api, settle, fail],
  );

  return { refreshing, pendingToggles, error, refresh, setEnabled };
}
