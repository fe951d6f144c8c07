import { useCallback, useEffect, useState } from 'react';
import type { QuotaApi, ReloginProgress } from '../../shared/ipc/contract';

export interface ReloginHandle {
  /** Latest progress per slot id; absent when no re-login was started (or it was dismissed). */
  progress: Record<string, ReloginProgress>;
  start(slot: string): void;
  cancel(slot: string): void;
  dismiss(slot: string): void;
}

/** Follows re-login progress pushed by the host and starts/cancels re-logins. */
export function useRelogin(api: QuotaApi): ReloginHandle {
  const [progress, setProgress] = useState<Record<string, ReloginProgress>>({});
  const put = useCallback(
    (next: ReloginProgress) => setProgress((all) => ({ ...all, [next.slot]: next })),
    [],
  );

  useEffect(() => api.onReloginProgress(put), [api, put]);

  const start = useCallback(
    (slot: string) => {
      // Show progress at once; the host's first push replaces this.
      put({ slot, phase: 'starting', url: null, message: null });
      api
        .relogin(slot)
        .then((result) => {
          if (!result.ok) put({ slot, phase: 'failed', url: null, message: result.error.message });
        })
        .catch((error: unknown) => put({ slot, phase: 'failed', url: null, message: String(error) }));
    },
    [api, put],
  );

  const cancel = useCallback(
    (slot: string) => {
      api
        .cancelRelogin(slot)
        .catch(() => undefined)
        .finally(() =>
          setProgress((all) => {
            const current = all[slot];
            if (!current || current.phase === 'done' || current.phase === 'failed') return all;
            return { ...all, [slot]: { ...current, phase: 'cancelled', message: null } };
          }),
        );
    },
    [api],
  );

  const dismiss = useCallback(
    (slot: string) =>
      setProgress((all) => {
        const { [slot]: _gone, ...rest } = all;
        return rest;
      }),
    [],
  );

  return { progress, start, cancel, dismiss };
}
