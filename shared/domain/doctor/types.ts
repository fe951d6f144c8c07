/**
 * What `quota-broker doctor` knows and what it concludes (docs/doctor.md). The facts are gathered by
 * adapters; the findings are a pure function of the facts and `now`. Pure data; times are epoch ms.
 */
import type { Episode } from '../alerts/types';
import type { BackoffState } from '../schedule';
import type { CacheSlot, SlotStatus, TokenRefreshMode } from '../types';

/**
 * `ok` fine, `warn` worth knowing, `problem` broken; `info` is context for another finding (a dead slot's
 * last success), neither fine nor a problem of its own.
 */
export type FindingLevel = 'ok' | 'info' | 'warn' | 'problem';

/** One line of the doctor's answer: what is wrong (or fine) and what to do about it. */
export interface Finding {
  level: FindingLevel;
  /** `global` or a slot id. */
  scope: string;
  /** Stable machine name, e.g. `login_dead`, `cache_stale` (docs/doctor.md lists them). */
  code: string;
  /** One sentence; never contains a token. */
  message: string;
  /** What to do (`run: quota-broker relogin slot-2`), or null when nothing is needed. */
  fix: string | null;
}

/** The stored login of one slot, as far as it can be told without printing it. */
export type CredentialFacts =
  | { state: 'absent'; where: string }
  | { state: 'logged_out'; where: string }
  | { state: 'unreadable'; where: string; error: string }
  | {
      state: 'ok';
      where: string;
      accessExpiresAt: number;
      /** `refreshTokenExpiresAt` when Claude Code stored one. */
      loginExpiresAt: number | null;
      /** Short hash of the login (never the token), to tell a new login from the one that died. */
      fingerprint: string;
    };

/**
 * What `--online` found out for one slot, by the engine's own path (refresh when the token expired or the
 * server refused it, then one usage call): the usage endpoint answered (`renewed`: after a refresh just
 * now), the refresh found the login dead, something failed or could not be tried, or nothing was tried.
 */
export type ProbeFacts =
  | { state: 'skipped'; reason: string }
  | { state: 'ok'; fiveHour: number | null; sevenDay: number | null; renewed: boolean }
  | { state: 'login_dead'; message: string }
  | { state: 'failed'; kind: string; status: number | null; message: string };

export interface SlotFacts {
  id: string;
  email: string | null;
  /** As written in the registry. */
  configDir: string;
  /** The CLAUDE_CONFIG_DIR value for this account; null for the default account (the variable unset). */
  claudeConfigDirEnv: string | null;
  configDirExists: boolean;
  enabled: boolean;
  /** The registry's status (the broker writes it). */
  status: SlotStatus;
  credentials: CredentialFacts;
  /** The slot's entry in the cache, or null when it has none yet. */
  cache: CacheSlot | null;
  backoff: BackoffState | null;
  /** Usage-call times (epoch ms) from the engine state. */
  requests: number[];
  /** Fingerprint stored when the slot went inactive (a different one now means a new login). */
  inactiveFingerprint: string | null;
  /** When the current login was first seen (a stand-in for its age). */
  loginSeenAt: number | null;
  /** Only with `--online`. */
  probe: ProbeFacts | null;
  /** Quota Broker's statusLine in the config dir's settings.json; null when it has none (or no file). */
  statusline?: StatuslineFacts | null;
}

/** Our statusLine as installed: `oldForm` when its command predates the NODE_EXTRA_CA_CERTS prefix. */
export interface StatuslineFacts {
  /** The config dir as `--install --config-dir` takes it (`~` expanded). */
  configDir: string;
  settingsPath: string;
  oldForm: boolean;
}

export type RegistryFacts =
  | { state: 'absent'; path: string }
  | { state: 'ok'; path: string; slots: number }
  | { state: 'error'; path: string; message: string; line: number | null; col: number | null };

export type CacheFacts =
  | { state: 'absent'; path: string }
  | { state: 'error'; path: string; message: string }
  | {
      state: 'ok';
      path: string;
      ts: number;
      allInactive: boolean;
      /** Who wrote it (`writer`); null when the file does not say (an old home-made script's cache). */
      writer: { app: string; pid: number } | null;
    };

export interface BrokerFacts {
  /** A broker holds the lock and its heartbeat is fresh. */
  alive: boolean;
  pid: number | null;
  surface: string | null;
  /** Age of the lock's heartbeat; null without a lock. */
  heartbeatAgeMs: number | null;
  lastCycleAt: number | null;
}

/** Where an installed service sends its output, read from its unit/plist. */
export interface ServiceFacts {
  kind: 'systemd' | 'launchd' | null;
  /** The unit/plist path checked (also when absent). */
  path: string | null;
  installed: boolean;
  /** Output destinations; null when the file does not say (journal / launchd default). */
  stdout: string | null;
  stderr: string | null;
  /** The command line it runs, as written. */
  command: string | null;
  /** The first file the command names (node, the broker's script) that does not exist, else null. */
  missingProgram: string | null;
}

/** One cron line that matters to the broker. */
export interface CronLine {
  /** `crontab -l`, `/etc/cron.d/x`, … */
  source: string;
  lineNumber: number;
  /** The line, tokens redacted, trimmed to a readable length. */
  text: string;
  runsBroker: boolean;
  discardsOutput: boolean;
  /**
   * What the job is, from its command line: the broker itself, a home-made token refresher, a home-made
   * quota fetcher (a cache writer), or something else that touches Claude Code.
   */
  kind: CronJobKind;
}

export type CronJobKind = 'broker' | 'refresher' | 'cache_writer' | 'claude';

export interface CronFacts {
  /** What was read, e.g. `crontab -l`, `/etc/cron.d`. */
  sources: string[];
  /** Why user cron jobs could not be checked (no `crontab` on PATH, …); null when they were. */
  note: string | null;
  lines: CronLine[];
}

export interface LogFacts {
  path: string;
  exists: boolean;
  /** Error lines from the log's tail, newest last, with their time when it could be read. */
  recentErrors: { at: number | null; text: string }[];
  /** Alerts the log says could not be shown or sent (a failing notifier or notify_command), newest last. */
  deliveryFailures: DeliveryFailure[];
}

/** One failed delivery the log recorded: the desktop notifier or the notify_command. */
export interface DeliveryFailure {
  at: number | null;
  channel: 'desktop' | 'notify_command';
  text: string;
}

/**
 * How an alert could reach the person (docs/alerts.md "How you are told"), as far as the doctor can tell
 * from this shell and this machine without showing a notification.
 */
export interface AlertDeliveryFacts {
  /** `process.platform`. */
  platform: string;
  /** `alerts.enabled`: false records episodes and notifies nothing. */
  enabled: boolean;
  /** An `alerts.notify_command` is set (the command is not repeated: it may hold a webhook URL). */
  notifyCommand: boolean;
  /** The desktop notifier found on PATH: notify-send (Linux) or osascript (macOS); null when none. */
  notifier: { name: 'notify-send' | 'osascript'; path: string } | null;
  /** Linux: a display to show it on — DISPLAY or WAYLAND_DISPLAY set, or an X11 or Wayland socket of this machine. */
  display: boolean;
  /** Linux: a D-Bus session bus notify-send can reach (DBUS_SESSION_BUS_ADDRESS, or /run/user/<uid>/bus as cron uses). */
  sessionBus: boolean;
}

export interface StateDirFacts {
  path: string;
  exists: boolean;
  /** Permission bits, e.g. 0o700; null when unknown. */
  mode: number | null;
}

/** A state dir or registry that is not the user's own, or that others can write (adapters/fs/state-trust.ts). */
export interface UntrustedPathFacts {
  what: 'state dir' | 'registry' | "registry's directory";
  path: string;
  /** Owner uid and permission bits of the path; the uid the broker runs as. */
  owner: number;
  mode: number;
  uid: number;
  reason: 'owner' | 'group-writable' | 'other-writable' | 'group-and-other-writable';
}

export interface GlobalFacts {
  stateDir: StateDirFacts;
  /** Paths the broker refuses to write to and whose notify_command it will not run. */
  untrusted: UntrustedPathFacts[];
  registry: RegistryFacts;
  /** Where the slots came from: the registry, its last good copy (registry broken), discovery, or nothing. */
  slotsOrigin: 'file' | 'last_good' | 'discovered' | 'cache' | 'none';
  staleThresholdS: number;
  /** `alerts.login_expiry_warn_days`: a login expiring sooner is a warning (as in the alerts and the UI). */
  loginExpiryWarnDays: number;
  refreshIntervalS: number;
  maxCallsPerHour: number;
  tokenRefresh: TokenRefreshMode | 'auto';
  /** The `claude` executable found (no process is started to find it). */
  claudeBin: string | null;
  cache: CacheFacts;
  broker: BrokerFacts;
  service: ServiceFacts;
  cron: CronFacts;
  log: LogFacts;
  openAlerts: Episode[];
  /**
   * An existing setup on disk that the slots above do not cover (what `slots discover --add` would add):
   * registries in known places with slots not in use, and logged-in config dirs of the home dir.
   */
  unadopted: { registries: { path: string; slots: number }[]; configDirs: string[] };
  /** Whether an alert can reach the person. */
  delivery: AlertDeliveryFacts;
}

export interface DoctorFacts {
  global: GlobalFacts;
  slots: SlotFacts[];
  online: boolean;
}

export interface DoctorReport {
  findings: Finding[];
  problems: number;
  warnings: number;
  /** 0 healthy (warnings allowed), 1 at least one problem. */
  exitCode: 0 | 1;
}
