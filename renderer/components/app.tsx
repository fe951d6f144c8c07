import { useRef } from 'react';
import type { QuotaApi } from '../../shared/ipc/contract';
import { useLogTail } from '../hooks/use-log-tail';
import { useNow } from '../hooks/use-now';
import { useQuotaState } from '../hooks/use-quota-state';
import { useRelogin } from '../hooks/use-relogin';
import { useSlotActions } from '../hooks/use-slot-actions';
import { getSlotViews } from '../model/slot-view';
import { StateBanners } from './banner';
import { EmptyState, LoadError, LoadingState } from './empty-state';
import { LogPanel } from './log-panel';
import { RefreshButton } from './refresh-button';
import { SlotRow } from './slot-row';

/** The whole UI for one host; `api` null means no host could be found (see host.ts). */
export function App({ api, problem }: { api: QuotaApi | null; problem?: string }) {
  if (!api) {
    return (
      <main className="app">
        <LoadError message={problem ?? 'No Quota Broker host is connected.'} />
      </main>
    );
  }
  return <Dashboard api={api} />;
}

function Dashboard({ api }: { api: QuotaApi }) {
  const { status, applyState, reload } = useQuotaState(api);
  const relogin = useRelogin(api);
  const actions = useSlotActions(api, applyState);
  const now = useNow(status.phase === 'ready' ? status.clockOffsetMs : 0);
  const state = status.phase === 'ready' ? status.state : null;
  const views = state?.cache ? getSlotViews(state.cache, now) : [];
  const log = useLogTail(api);
  const openLogButton = useRef<HTMLButtonElement>(null);

  return (
    <main className="app">
      <header className="app__header">
        <h1 className="app__title">Quota Broker</h1>
        {state && <RefreshButton busy={state.refreshing || actions.refreshing} onRefresh={actions.refresh} />}
      </header>
      {status.phase === 'loading' && <LoadingState />}
      {status.phase === 'error' && <LoadError message={status.error.message} onRetry={reload} />}
      {state && <StateBanners state={state} now={now} />}
      {actions.error && (
        <p className="notice notice--bad" role="alert">
          {actions.error}
        </p>
      )}
      {state && views.length === 0 && <EmptyState api={api} />}
      {views.length > 0 && (
        <ul className="slots" aria-label="Slots">
          {views.map((view) => (
            <SlotRow
              key={view.id}
              api={api}
              view={view}
              now={now}
              relogin={relogin.progress[view.id]}
              togglePending={actions.pendingToggles.has(view.id)}
              onToggle={actions.setEnabled}
              onRelogin={relogin.start}
              onCancelRelogin={relogin.cancel}
              onDismissRelogin={relogin.dismiss}
            />
          ))}
        </ul>
      )}
      {state && (
        <footer className="app__footer">
          <button
            type="button"
            className="link-button"
            ref={openLogButton}
            aria-expanded={log.status.phase !== 'closed'}
            onClick={log.status.phase === 'closed' ? log.load : log.close}
          >
            {log.status.phase === 'closed' ? 'Open log' : 'Hide log'}
          </button>
        </footer>
      )}
      {log.status.phase !== 'closed' && (
        <LogPanel
          status={log.status}
          onReload={log.load}
          onClose={() => {
            log.close();
            openLogButton.current?.focus();
          }}
        />
      )}
    </main>
  );
}
