import { useEffect, useRef } from 'react';
import type { LogTailStatus } from '../hooks/use-log-tail';

interface LogPanelProps {
  status: Exclude<LogTailStatus, { phase: 'closed' }>;
  onReload(): void;
  onClose(): void;
}

/**
 * The end of the broker's log (`getLogTail`: the last lines, redacted), in a scrollable panel that takes
 * the focus when it opens and scrolls to the newest line.
 */
export function LogPanel({ status, onReload, onClose }: LogPanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const lines = useRef<HTMLElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Each new tail scrolls to its newest line.
  useEffect(() => {
    if (status.phase === 'ready' && lines.current) lines.current.scrollTop = lines.current.scrollHeight;
  }, [status]);
  return (
    <section className="log" aria-labelledby="log-heading">
      <div className="log__head">
        <h2 className="log__title" id="log-heading" tabIndex={-1} ref={heading}>
          Broker log
        </h2>
        <button type="button" className="button button--small" onClick={onReload}>
          Reload
        </button>
        <button type="button" className="button button--small" onClick={onClose}>
          Close log
        </button>
      </div>
      {status.phase === 'loading' && <p className="muted">Reading the log…</p>}
      {status.phase === 'error' && (
        <p className="notice notice--bad">Reading the log failed: {status.message}</p>
      )}
      {status.phase === 'ready' && (
        <>
          <p className="log__path">
            {status.tail.exists ? 'The last lines of' : 'No log yet at'} <code>{status.tail.path}</code>
            {status.tail.truncated && ' (older lines are in the file)'}
          </p>
          {status.tail.lines.length > 0 && (
            // A named region, focusable so a keyboard can scroll it.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
            <section className="log__lines" ref={lines} tabIndex={0} aria-label="Log lines">
              <pre>{status.tail.lines.join('\n')}</pre>
            </section>
          )}
        </>
      )}
    </section>
  );
}
