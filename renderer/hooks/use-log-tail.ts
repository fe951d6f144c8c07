import { useCallback, useRef, useState } from 'react';
import type { LogTail, QuotaApi } from '../../shared/ipc/contract';

export type LogTailStatus =
  | { phase: 'closed' }
  | { phase: 'loading' }
  | { phase: 'ready'; tail: LogTail }
  | { phase: 'error'; message: string };

/**
 * The log panel's content: fetched through `getLogTail` when opened and on reload. An answer that arrives
 * after the panel was closed, or after a newer request, is dropped (it would reopen the panel).
 */
export function useLogTail(api: QuotaApi) {
  const [status, setStatus] = useState<LogTailStatus>({ phase: 'closed' });
  const request = useRef(0);
  const load = useCallback(() => {
    const id = ++request.current;
    const settle = (next: LogTailStatus) => {
      if (request.current === id) setStatus(next);
    };
    setStatus((s) => (s.phase === 'ready' ? s : { phase: 'loading' }));
    api.getLogTail().then(
      (result) =>
        settle(
          result.ok
            ? { phase: 'ready', tail: result.value }
            : { phase: 'error', message: result.error.message },
        ),
      (cause: unknown) => settle({ phase: 'error', message: String(cause) }),
    );
  }, [api]);
  const close = useCallback(() => {
    request.current++;
    setStatus({ phase: 'closed' });
  }, []);
  return { status, load, close };
}
