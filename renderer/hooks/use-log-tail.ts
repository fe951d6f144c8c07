import { useCallback, useState } from 'react';
import type { LogTail, QuotaApi } from '../../shared/ipc/contract';

export type LogTailStatus =
  | { phase: 'closed' }
  | { phase: 'loading' }
  | { phase: 'ready'; tail: LogTail }
  | { phase: 'error'; message: string };

/** The log panel's content: fetched through `getLogTail` when opened and on reload. */
export function useLogTail(api: QuotaApi) {
  const [status, setStatus] = useState<LogTailStatus>({ phase: 'closed' });
  const load = useCallback(() => {
    setStatus((s) => (s.phase === 'ready' ? s : { phase: 'loading' }));
    api.getLogTail().then(
      (result) =>
        setStatus(
          result.ok
            ? { phase: 'ready', tail: result.value }
            : { phase: 'error', message: result.error.message },
        ),
      (cause: unknown) => setStatus({ phase: 'error', message: String(cause) }),
    );
  }, [api]);
  const close = useCallback(() => setStatus({ phase: 'closed' }), []);
  return { status, load, close };
}
