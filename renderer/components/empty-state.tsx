import type { QuotaApi } from '../../shared/ipc/contract';
import { AdoptSetup } from './adopt-setup';

/** Shown when the registry has no slots: the setup found on this machine, and how to add one by hand. */
export function EmptyState({ api }: { api: QuotaApi }) {
  return (
    <section className="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">No slots yet</h2>
      <AdoptSetup api={api} />
      <p>Add each Claude Code config dir you log in with as a slot:</p>
      <pre className="empty__command">
        <code>quota-broker slots add &lt;id&gt; &lt;config_dir&gt;</code>
      </pre>
      <p className="muted">
        For example <code>quota-broker slots add work ~/.claude-work</code>. The new slot appears here on the
        next refresh.
      </p>
    </section>
  );
}

/** Shown until the first state arrives. */
export function LoadingState() {
  return (
    <p className="loading" role="status">
      Loading quota…
    </p>
  );
}

interface LoadErrorProps {
  message: string;
  onRetry?: () => void;
}

/** The first state could not be read, or no host is reachable at all. */
export function LoadError({ message, onRetry }: LoadErrorProps) {
  return (
    <div className="banner banner--bad" role="alert">
      <p>
        <strong>Cannot load quota.</strong> {message}
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
