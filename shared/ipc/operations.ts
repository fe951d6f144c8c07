/**
 * THE operations table: every request the UI can make of its host and every push it receives. The IPC
 * handlers and the preload (electron/ipc, electron/preload), the HTTP router (shared/host/dashboard) and
 * client (http-transport.ts), the argument checks (dispatch.ts) and the `QuotaApi` type are all derived
 * from it. Adding an operation is one entry here plus its implementation in the host
 * (shared/host/quota-host.ts), which the compiler then asks for. See docs/ui-contract.md.
 */
import * as v from 'valibot';
import type { AdoptReport } from '../domain/adopt';
import { SLOT_ID_PATTERN, SLOT_ID_RULE } from '../domain/slot-id';
import type { HistoryPoint, LogTail, QuotaState, ReloginProgress } from './contract';
import { arg, defineEvent, defineOperation } from './operation';

/** A slot id, the same rule on every transport (shared/domain/slot-id.ts). */
export const SlotIdSchema = v.pipe(
  v.string(`slot must be a slot id (${SLOT_ID_RULE})`),
  v.regex(SLOT_ID_PATTERN, `slot must be a slot id (${SLOT_ID_RULE})`),
);

/** An omitted slot (absent, undefined or null) means "every slot". */
const AnySlotSchema = v.pipe(
  v.nullish(SlotIdSchema),
  v.transform((slot) => slot ?? undefined),
);

const slot = arg('slot', SlotIdSchema);

export const OPERATIONS = {
  getState: defineOperation<QuotaState>()({
    channel: 'slots:get',
    method: 'GET',
    path: '/api/state',
    args: [],
  }),
  /** Runs a cycle now (all slots, or one), still respecting a 429 back-off; answers the state after it. */
  refreshNow: defineOperation<QuotaState>()({
    channel: 'slots:refresh',
    method: 'POST',
    path: '/api/refresh',
    args: [arg('slot', AnySlotSchema)],
  }),
  /** Starts `claude auth login` for the slot; progress arrives as `onReloginProgress` pushes. */
  relogin: defineOperation<{ started: true }>()({
    channel: 'slots:relogin',
    method: 'POST',
    path: '/api/slots/:slot/relogin',
    args: [slot],
  }),
  cancelRelogin: defineOperation<{ cancelled: boolean }>()({
    channel: 'slots:relogin-cancel',
    method: 'POST',
    path: '/api/slots/:slot/relogin/cancel',
    args: [slot],
  }),
  setEnabled: defineOperation<QuotaState>()({
    channel: 'slots:set-enabled',
    method: 'POST',
    path: '/api/slots/:slot/enabled',
    args: [slot, arg('enabled', v.boolean('enabled must be true or false'))],
  }),
  /** The last week of the slot's utilisation (the sparkline). */
  getHistory: defineOperation<HistoryPoint[]>()({
    channel: 'slots:history',
    method: 'GET',
    path: '/api/slots/:slot/history',
    args: [slot],
  }),
  /**
   * Finds an existing setup (config dirs with a stored login, old registries in known places) and, with
   * `add`, adds it to the registry — the empty state's "adopt" (docs/contracts.md "Adopting an existing
   * setup"). The registries found are only read.
   */
  discoverSlots: defineOperation<AdoptReport>()({
    channel: 'slots:discover',
    method: 'POST',
    path: '/api/slots/discover',
    args: [arg('add', v.boolean('add must be true or false'))],
  }),
  /**
   * The last lines of the broker's log (`<state dir>/broker.log`), redacted: the log panel of the popover
   * and the dashboard.
   */
  getLogTail: defineOperation<LogTail>()({
    channel: 'app:log-tail',
    method: 'GET',
    path: '/api/log/tail',
    args: [],
  }),
  /** Opens the log where the host can (the app), and says where it is. */
  openLog: defineOperation<{ path: string }>()({
    channel: 'app:open-log',
    method: 'POST',
    path: '/api/open-log',
    args: [],
  }),
};

export const EVENTS = {
  /** The state after every change: a cycle's end, a refresh starting, another process's write. */
  onState: defineEvent<QuotaState>()({ channel: 'slots:updated', sse: 'state' }),
  /** Each phase change of a running re-login. */
  onReloginProgress: defineEvent<ReloginProgress>()({ channel: 'slots:relogin-progress', sse: 'relogin' }),
};

export type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;
export type Events = typeof EVENTS;
