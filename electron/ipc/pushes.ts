/**
 * Forwards the host's pushes to the popover, one IPC channel per event of the operations table
 * (shared/ipc/operations.ts's EVENTS); the preload turns each back into its `on…` subscription.
 */
import type { EventSubscriptions, EventTable } from '../../shared/ipc/operation';

/** Subscribes to every event of `events` on `source` and sends each payload on its channel. */
export function setupIpcPushes<E extends EventTable>(
  events: E,
  source: EventSubscriptions<NoInfer<E>>,
  send: (channel: string, payload: unknown) => void,
): () => void {
  const offs = Object.entries(events).map(([name, event]) =>
    source[name]((payload: unknown) => send(event.channel, payload)),
  );
  return () => {
    for (const off of offs) off();
  };
}
