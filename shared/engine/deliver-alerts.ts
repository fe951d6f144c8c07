/**
 * Delivers one engine cycle's alerts, whichever surface ran the cycle (app, daemon, refresh).
 * Under the alert-state lock it loads the state, runs the pure policy and persists the next state;
 * only then, outside the lock, it logs and shows each alert and runs the notify_command. Persisting
 * first means a crash can lose an alert but never repeat one, and two processes never both deliver it.
 */

import { loadAlertState, saveAlertState, withAlertStateLock } from '../adapters/alerts/alert-state-store';
import { createHeadlessNotifier } from '../adapters/alerts/notifier';
import { runNotifyCommand } from '../adapters/alerts/notify-command';
import { describeTrustProblem, getStateTrustProblems } from '../adapters/fs/state-trust';
import type { BrokerPaths } from '../adapters/paths';
import { DESKTOP_FAILURE_PREFIX } from '../domain/alerts/delivery-words';
import { formatAlertLine } from '../domain/alerts/format';
import type { AlertDecision } from '../domain/alerts/policy';
import { decideAlerts } from '../domain/alerts/policy';
import type { AlertSettings } from '../domain/alerts/settings';
import { getAlertSettings } from '../domain/alerts/settings';
import type { Alert } from '../domain/alerts/types';
import { redactUnknown } from '../domain/redact';
import type { BrokerSettings, CacheFile } from '../domain/types';
import type { FileSystem } from '../ports/file-system';
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';

export interface DeliverCycleAlertsOptions {
  /**
   * Where the alert state lives; with `stateDir` and `registry` the notify_command runs only while both
   * are the user's own (adapters/fs/state-trust.ts).
   */
  paths: Pick<BrokerPaths, 'alertState'> & Partial<Pick<BrokerPaths, 'stateDir' | 'registry'>>;
  /** The cache the cycle just wrote. */
  cache: CacheFile;
  /** True when a broker runs and would refresh if it could (false: a follower or a read-only surface). */
  brokerRunning: boolean;
  /** The registry settings; `settings.alerts` is parsed here (bad values are logged and defaulted). */
  settings: Partial<BrokerSettings>;
  /** What the registry reader said about bad alert settings it left out; logged with the others. */
  settingsWarnings?: string[];
  now: number;
  logger: Logger;
  /** How alerts are shown; default: notify-send / osascript when found, else the log. Electron passes its own. */
  notifier?: Notifier;
  /** Local IANA time zone for quiet hours; default: the machine's. */
  timeZone?: string;
  /** Environment for the notify_command; default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** notify_command timeout; default 10 s. */
  notifyCommandTimeoutMs?: number;
  /** How the alert state is written (the engine's file system). */
  fs: FileSystem;
}

/**
 * The zone quiet hours are judged in. The machine's zone is looked up only when quiet hours are set and
 * name no zone of their own: the lookup loads ICU's time-zone data, 10–30 ms and several MB in every
 * process that runs a cycle (docs/BENCHMARKS.md "Start-up profile").
 */
function getQuietHoursZone(o: DeliverCycleAlertsOptions, settings: AlertSettings): string {
  if (o.timeZone) return o.timeZone;
  const quiet = settings.quiet_hours;
  if (!quiet || quiet.time_zone) return 'UTC'; // unused: no quiet hours, or they carry their own zone
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

async function decide(o: DeliverCycleAlertsOptions, settings: AlertSettings): Promise<AlertDecision | null> {
  const path = o.paths.alertState;
  try {
    return await withAlertStateLock(path, o.logger, o.fs, async () => {
      const previous = await loadAlertState(path, o.logger, { now: o.now, fs: o.fs });
      const decision = decideAlerts({
        previous,
        engine: { cache: o.cache, brokerRunning: o.brokerRunning },
        settings,
        now: o.now,
        timeZone: getQuietHoursZone(o, settings),
      });
      try {
        await saveAlertState(path, decision.next, o.fs);
      } catch (err) {
        // Without a saved state every cycle would repeat its alerts; only the critical one is worth that.
        o.logger.error(
          `Could not save the alert state (${redactUnknown(err)}); delivering critical alerts only.`,
        );
        return { ...decision, alerts: decision.alerts.filter((a) => a.severity === 'critical') };
      }
      return decision;
    });
  } catch (err) {
    o.logger.error(`Alerts skipped this cycle: ${redactUnknown(err)}`, { path });
    return null;
  }
}

function logDecision(logger: Logger, d: AlertDecision): void {
  for (const e of d.closed) logger.info(`alert episode ended: ${e.title}`, { id: e.id });
  for (const a of d.held) {
    if (d.opened.some((e) => e.id === a.id))
      logger.info(`alert held for quiet hours: ${a.title}`, { id: a.id });
  }
}

async function deliverOne(o: DeliverCycleAlertsOptions, s: AlertSettings, notifier: Notifier, a: Alert) {
  const log =
    a.severity === 'critical' ? o.logger.error : a.severity === 'warning' ? o.logger.warn : o.logger.info;
  log.call(o.logger, formatAlertLine(a), {
    id: a.id,
    kind: a.kind,
    slot: a.slot,
  });
  const shown = await notifier
    .notify(a)
    .catch((err: unknown) => ({ ok: false as const, error: redactUnknown(err) }));
  if (!shown.ok) o.logger.warn(`${DESKTOP_FAILURE_PREFIX} ${notifier.name}: ${shown.error}`, { id: a.id });
  if (s.notify_command) {
    // A registry (or state dir) someone else can write must not choose a command for this user to run.
    const { stateDir, registry } = o.paths;
    const untrusted = stateDir && registry ? getStateTrustProblems({ stateDir, registry })[0] : undefined;
    if (untrusted) {
      o.logger.warn(`notify_command not run: ${describeTrustProblem(untrusted)}`, { id: a.id });
      return;
    }
    const ran = await runNotifyCommand(s.notify_command, a, {
      env: o.env,
      timeoutMs: o.notifyCommandTimeoutMs,
    });
    if (!ran.ok) o.logger.warn(ran.error, { id: a.id });
  }
}

/**
 * Decides, persists and delivers this cycle's alerts; returns the alerts delivered. Never throws:
 * lock, state and delivery failures are logged and the cycle goes on.
 */
export async function deliverCycleAlerts(options: DeliverCycleAlertsOptions): Promise<Alert[]> {
  const { settings, errors } = getAlertSettings(options.settings);
  for (const e of [...(options.settingsWarnings ?? []), ...errors]) options.logger.warn(e);
  const decision = await decide(options, settings);
  if (!decision) return [];
  logDecision(options.logger, decision);
  if (decision.alerts.length === 0) return [];
  let notifier = options.notifier;
  if (!notifier) {
    try {
      notifier = await createHeadlessNotifier({ env: options.env }, options.logger);
    } catch (err) {
      options.logger.warn(`No desktop notifier: ${redactUnknown(err)}`);
      notifier = { name: 'log', notify: async () => ({ ok: true }) };
    }
  }
  for (const alert of decision.alerts) {
    try {
      await deliverOne(options, settings, notifier, alert);
    } catch (err) {
      options.logger.error(`Could not deliver alert ${alert.id}: ${redactUnknown(err)}`);
    }
  }
  return decision.alerts;
}
