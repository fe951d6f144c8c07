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
  const pre = useRef<HTMLPreElement>(null);
  const ready = status.phase === 'ready';
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (ready && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [ready, status]);
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
            // Focusable so a keyboard can scroll it.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
            <pre className="log__lines" ref={pre} tabIndex={0} aria-label="Log lines">
              {status.tail.lines.join('\n')}
            </pre>
          )}
        </>
      )}
    </section>
  );
}
