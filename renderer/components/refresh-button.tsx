import { Spinner } from './spinner';

interface RefreshButtonProps {
  busy: boolean;
  onRefresh(): void;
}

/** Refresh-now control; a spinner and `aria-busy` while a cycle runs, under a name that never changes. */
export function RefreshButton({ busy, onRefresh }: RefreshButtonProps) {
  return (
    <button
      type="button"
      className="button refresh"
      title={busy ? 'Refreshing…' : 'Refresh all slots now'}
      aria-busy={busy}
      aria-disabled={busy}
      onClick={() => {
        if (!busy) onRefresh();
      }}
    >
      {busy ? <Spinner /> : <span aria-hidden="true">↻</span>}
      <span className="refresh__text">Refresh now</span>
    </button>
  );
}
