import { useCallback, useEffect, useState } from 'react';
import type { ApiError, QuotaApi, QuotaState } from '../../shared/ipc/contract';

export type QuotaStatus =
  | { phase: 'loading' }
  | { phase: 'error'; error: ApiError }
  | { phase: 'ready'; state: QuotaState; clockOffsetMs: number };

export interface QuotaStateHandle {
  status: QuotaStatus;
  /** Adopts a state returned by an action (refresh, enable) unless a newer one already arrived. */
  applyState(state: QuotaState): void;
  /** Loads the state again after a failed first load. */
  reload(): void;
}

/** Keeps the newer of two states: a push may overtake the answer to the initial request. */
function newer(status: QuotaStatus, next: QuotaState): QuotaStatus {
  if (status.phase === 'ready' && status.state.now > next.now) return status;
  // The host's clock decides ages, so a dashboard on another machine shows the same ages.
  return { phase: 'ready', state: next, clockOffsetMs: next.now - Date.now() };
}

/** Reads the state once, then follows the host's pushes until unmounted. */
export function useQuotaState(api: QuotaApi): QuotaStateHandle {
  const [status, setStatus] = useState<QuotaStatus>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the reload trigger, not an input
  useEffect(() => {
    let live = true;
    const unsubscribe = api.onState((state) => {
      if (live) setStatus((current) => newer(current, state));
    });
    api
      .getState()
      .then((result) => {
        if (!live) return;
        if (result.ok) setStatus((current) => newer(current, result.value));
        else
          setStatus((current) =>
            current.phase === 'ready' ? current : { phase: 'error', error: result.error },
          );
      })
      .catch((error: unknown) => {
        if (live) setStatus({ phase: 'error', error: { code: 'exception', message: String(error) } });
      });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, attempt]);

  const applyState = useCallback((state: QuotaState) => setStatus((current) => newer(current, state)), []);
  const reload = useCallback(() => {
    setStatus({ phase: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { status, applyState, reload };
}
