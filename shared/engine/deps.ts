import type { BrokerPaths } from '../adapters/paths';
import type { CredentialStore } from '../ports/credential-store';
import type { FetchLike } from '../ports/fetch';
import type { FileSystem } from '../ports/file-system';
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';

/** Everything the engine touches, injected: tests point paths at temp dirs and the API at the fake server. */
export interface EngineDeps {
  paths: BrokerPaths;
  logger: Logger;
  store: CredentialStore;
  /** The `claude` executable, or null when none was found (delegate mode is then unavailable). */
  claudeBin: string | null;
  /** Claude Code's version for the usage User-Agent, when known. */
  claudeVersion: string | null;
  env: NodeJS.ProcessEnv;
  /** In [0, 1); jitter. */
  random: () => number;
  /** How the usage, token and profile calls reach the network (the composition root gives its proxy-aware client). */
  fetch?: FetchLike;
  /** How alerts are shown; default: the platform's notifier (notify-send / osascript) or the log. */
  notifier?: Notifier;
  /** How every writer of the state dir writes (shared/ports/file-system.ts); tests inject a failing disk. */
  fs: FileSystem;
}

/**
 * How long `claude auth status` may take before a delegated refresh counts as transient. Generous on
 * purpose: killing Claude Code between the token answer and its write would spend the refresh token (it
 * gives up on a hanging token endpoint by itself after ~9 s).
 */
export const DELEGATE_TIMEOUT_MS = 90_000;
/** Usage calls in flight at once; users have 2–10 slots, so a cycle is one round trip. */
export const MAX_CONCURRENT_SLOTS = 20;
