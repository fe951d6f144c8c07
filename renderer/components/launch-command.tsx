import { useEffect, useState } from 'react';
import { getLaunchCommand } from '../../shared/domain/launch';
import { copyText } from '../format/copy-text';

/** How long "Copied" stays before the button reads "Copy" again. */
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
      <button
        type="button"
        className="button button--small"
        aria-label={`Copy the launch command for ${name}`}
        onClick={() => void copyText(command).then((ok) => setOutcome(ok ? 'copied' : 'failed'))}
      >
        {outcome === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className={outcome === 'failed' ? 'launch__status' : 'visually-hidden'} role="status">
        {outcome === 'copied'
          ? `Copied: ${command}`
          : outcome === 'failed'
            ? 'Copy failed: select the command'
            : ''}
      </span>
    </div>
  );
}
