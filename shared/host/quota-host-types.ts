/** The shape of the one engine host shared by the app's main process and `quota-broker serve`. */
import type { BrokerSurface } from '../adapters/broker-lock';
import type { LoginHandle, LoginOptions } from '../adapters/claude/auth-login';
import type { DaemonHandle, DaemonOptions } from '../engine/daemon';
import type { EngineDeps } from '../engine/deps';
import type { EventSubscriptions, OperationHandlers } from '../ipc/operation';
import type { Events, Operations } from '../ipc/operations';
import type { HostSnapshot } from './host-state';
import type { TakeoverDeps, TakeoverResult } from './takeover';

export interface QuotaHostDeps {
  engine: EngineDeps;
  now: () => number;
  /** Who this host is in broker.json: `app` or `serve`. */
  surface: BrokerSurface;
  /** The engine's daemon; tests inject a fake. Defaults to shared/engine/daemon.ts. */
  startDaemon?: (deps: EngineDeps, now: () => number, options: DaemonOptions) => DaemonHandle;
  /** Starts `claude auth login`; defaults to shared/adapters/claude/auth-login.ts. */
  startLogin?: (bin: string, options: LoginOptions) => LoginHandle;
  /** How long a burst of file events is gathered before the host looks; defaults to WATCH_DEBOUNCE_MS. */
  watchDebounceMs?: number;
  /**
   * Called after each look for changes other processes made (a watched file changed, or a followed
   * broker's heartbeat ran out), with whether it pushed a state: lets a test wait for "looked and found
   * nothing" as an event instead of sleeping.
   */
  onChecked?: (pushed: boolean) => void;
  /** The login child's time limit; defaults to 5 minutes. */
  reloginTimeoutMs?: number;
  /** Process control for take-over; defaults to signals and `kill(pid, 0)`. */
  takeover?: Partial<Pick<TakeoverDeps, 'kill' | 'isAlive' | 'sleep' | 'waitMs'>>;
}

/**
 * The server side of `QuotaApi` — one method per operation and per push of the operations table
 * (shared/ipc/operations.ts), so a table entry without its implementation fails to compile — plus what
 * only a host's own shell (tray, CLI) needs. Never throws.
 */
export interface QuotaHost extends OperationHandlers<Operations>, EventSubscriptions<Events> {
  /** State plus the registry's settings (the tray's title mode). */
  snapshot(): Promise<HostSnapshot>;
  /** Runs a cycle through this host's daemon, taking the broker lock when it is free. */
  claimBroker(): Promise<void>;
  /** Stops a headless broker (`daemon`, `serve`) holding the lock and becomes the broker (docs/electron.md). */
  takeOver(): Promise<TakeoverResult>;
  /** The engine log this host writes. */
  logPath(): string;
  /** The state pushes (`onState`) with the registry's settings. */
  onSnapshot(listener: (snapshot: HostSnapshot) => void): () => void;
  readonly role: 'broker' | 'follower';
  /** Cancels re-logins, stops watching the state dir, releases the broker lock. */
  stop(): Promise<void>;
}
