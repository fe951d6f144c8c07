import { useEffect, useState } from 'react';
import { getLaunchCommand } from '../../shared/domain/launch';
import { copyText } from '../format/copy-text';

/** How long "Copied" stays beside the button. */
const COPIED_MS = 2_000;

/**
 * The command that starts Claude Code on this slot (`quota-broker run <id>`, docs/contracts.md "Launching
 * Claude Code on a slot"), with a labelled copy button; the outcome is announced as a status.
 */
export function LaunchCommand({ id, name }: { id: string; name: string }) {
  const command = getLaunchCommand(id);
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (outcome !== 'copied') return;
    const timer = setTimeout(() => setOutcome(null), COPIED_MS);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <div className="launch">
      <span className="launch__label">Launch</span>
      <code className="launch__command">{command}</code>
      {/* The name keeps the visible word "Copy" whatever happened: the outcome is the status beside it. */}
      <button
        type="button"
        className="button button--small"
        aria-label={`Copy the launch command for ${name}`}
        onClick={() => void copyText(command).then((ok) => setOutcome(ok ? 'copied' : 'failed'))}
      >
        Copy
      </button>
      <span
        className={outcome ? `launch__status launch__status--${outcome}` : 'visually-hidden'}
        role="status"
      >
        {outcome === 'copied' && (
          <>
            Copied<span className="visually-hidden">: {command}</span>
          </>
        )}
        {outcome === 'failed' && 'Copy failed: select the command'}
      </span>
    </div>
  );
}
