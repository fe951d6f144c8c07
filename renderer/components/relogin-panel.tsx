import type { Ref } from 'react';
import type { ReloginPhase, ReloginProgress } from '../../shared/ipc/contract';
import { Spinner } from './spinner';

const PHASE_TEXT: Record<ReloginPhase, string> = {
  starting: 'Starting the sign-in…',
  waiting_for_browser: 'Waiting for you to sign in with your browser…',
  verifying: 'Checking the new login…',
  done: 'Signed in. Waiting for the broker to pick up the new login…',
  failed: 'Re-login failed.',
  cancelled: 'Re-login cancelled.',
};

/** Phases in which the `claude auth login` child still runs and can be cancelled. */
export function isReloginRunning(phase: ReloginPhase): boolean {
  return phase === 'starting' || phase === 'waiting_for_browser' || phase === 'verifying';
}

/** Only real sign-in pages become links; anything else from the host is shown as text. */
function isSafeUrl(url: string): boolean {
  return /^https:\/\//i.test(url);
}

/**
 * The host's words only add the reason of a failure; in other phases they restate the phase text
 * ("Checking the new login… Checking the new login…"), and a failure's own "Re-login failed:" is said once.
 */
function getFailureDetail(progress: ReloginProgress): string | null {
  if (progress.phase !== 'failed' || !progress.message) return null;
  return progress.message.replace(/^re-login failed[.:]?\s*/i, '') || null;
}

interface ReloginPanelProps {
  ref?: Ref<HTMLElement>;
  name: string;
  progress: ReloginProgress;
  onCancel(): void;
  onRetry(): void;
  onDismiss(): void;
}

/** Progress of a running re-login, with the sign-in URL as a fallback link and Cancel. */
export function ReloginPanel({ ref, name, progress, onCancel, onRetry, onDismiss }: ReloginPanelProps) {
  const running = isReloginRunning(progress.phase) || progress.phase === 'done';
  const url = progress.url && isSafeUrl(progress.url) ? progress.url : null;
  const detail = getFailureDetail(progress);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={`relogin relogin--${progress.phase}`}
      aria-label={`Re-login ${name}`}
    >
      <p className="relogin__phase" role="status">
        {running && <Spinner />}
        {PHASE_TEXT[progress.phase]}
        {detail && <span className="relogin__message"> {detail}</span>}
      </p>
      {url && isReloginRunning(progress.phase) && (
        <p className="relogin__url">
          No browser window?{' '}
          <a href={url} target="_blank" rel="noreferrer noopener">
            Open the sign-in page
          </a>
        </p>
      )}
      <div className="relogin__actions">
        {isReloginRunning(progress.phase) && (
          <button
            type="button"
            className="button"
            onClick={onCancel}
            aria-label={`Cancel re-login of ${name}`}
          >
            Cancel
          </button>
        )}
        {progress.phase === 'failed' && (
          <>
            <button
              type="button"
              className="button button--primary"
              onClick={onRetry}
              aria-label={`Try again to re-login ${name}`}
            >
              Try again
            </button>
            <button
              type="button"
              className="button"
              onClick={onDismiss}
              aria-label={`Dismiss: re-login ${name}`}
            >
              Dismiss
            </button>
          </>
        )}
      </div>
    </section>
  );
}
