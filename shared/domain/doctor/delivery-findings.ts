/**
 * Whether an alert reaches someone (docs/alerts.md "How you are told"; docs/doctor.md): the menu-bar
 * app's notifications, the desktop notifier, the notify_command — and, when none works, that alerts land
 * in the log only (the original failure: a dead login nobody was told about), with the fixes. Pure.
 */
import { RECENT_LOG_ERROR_MS } from './duration';
import type { DeliveryFailure, Finding, FindingLevel, GlobalFacts } from './types';

const make = (level: FindingLevel, code: string, message: string, fix: string | null): Finding => ({
  level,
  scope: 'global',
  code,
  message,
  fix,
});

/** Examples in the fix, as docs/alerts.md gives them. */
const NTFY_EXAMPLE = `'curl -s -d "$QUOTA_BROKER_ALERT_BODY" https://ntfy.sh/<topic>'`;
const MAIL_EXAMPLE = `'echo "$QUOTA_BROKER_ALERT_BODY" | mail -s "$QUOTA_BROKER_ALERT_TITLE" you@example.com'`;

/** The last failure of a channel within the last 24 h, and how many there were. */
function recentFailures(failures: DeliveryFailure[], channel: DeliveryFailure['channel'], now: number) {
  const recent = failures.filter(
    (f) => f.channel === channel && (f.at == null || now - f.at <= RECENT_LOG_ERROR_MS),
  );
  return recent.length === 0 ? null : { count: recent.length, last: recent[recent.length - 1] };
}

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/** Why the desktop notifier cannot show an alert here, or null when it can (as far as can be told). */
function desktopProblem(g: GlobalFacts, now: number): string | null {
  const d = g.delivery;
  const name = d.platform === 'darwin' ? 'osascript' : 'notify-send';
  if (!d.notifier) return `${name} is not installed (not on PATH)`;
  if (d.platform !== 'darwin') {
    if (!d.display)
      return 'this machine has no desktop display for notify-send (no DISPLAY, WAYLAND_DISPLAY or display socket)';
    if (!d.sessionBus)
      return 'notify-send finds no D-Bus session bus (no DBUS_SESSION_BUS_ADDRESS, no /run/user/<uid>/bus)';
  }
  const failed = recentFailures(g.log.deliveryFailures, 'desktop', now);
  return failed
    ? `${name} failed ${times(failed.count)} in the last 24h (latest: ${failed.last.text})`
    : null;
}

/** Why the notify_command does not deliver, or null when it does (as far as the log tells). */
function commandProblem(g: GlobalFacts, now: number): string | null {
  if (!g.delivery.notifyCommand) return 'no notify_command is set';
  const failed = recentFailures(g.log.deliveryFailures, 'notify_command', now);
  return failed
    ? `the notify_command failed ${times(failed.count)} in the last 24h (latest: ${failed.last.text})`
    : null;
}

/** The fixes for no working channel, for this platform and what is missing. */
function noChannelFix(g: GlobalFacts): string {
  const d = g.delivery;
  const registry = g.registry.path;
  const fixes: string[] = [];
  if (d.platform !== 'darwin' && !d.notifier)
    fixes.push('install notify-send where a desktop runs (Debian/Ubuntu: apt install libnotify-bin)');
  fixes.push(
    d.notifyCommand
      ? `fix the notify_command in ${registry} (see the log: ${g.log.path})`
      : `set alerts.notify_command in ${registry}, e.g. ntfy ${NTFY_EXAMPLE} or mail ${MAIL_EXAMPLE} (docs/alerts.md)`,
  );
  return fixes.join(', or ');
}

/**
 * The delivery findings: `ok` naming the channels that work (plus a warning for a failing notify_command
 * beside them), or one warning that nothing reaches the person, why, and the fixes.
 */
export function getDeliveryFindings(g: GlobalFacts, now: number): Finding[] {
  const d = g.delivery;
  if (!d.enabled) {
    return [
      make(
        'warn',
        'alerts_disabled',
        'alerts are turned off (alerts.enabled: false): a dead login or stale numbers notify nobody; they are only in the log',
        `set alerts.enabled: true in ${g.registry.path} (docs/alerts.md)`,
      ),
    ];
  }
  const channels: string[] = [];
  if (g.broker.alive && g.broker.surface === 'app') channels.push("the menu-bar app's notifications");
  const desktop = desktopProblem(g, now);
  if (!desktop) channels.push(d.notifier?.name ?? 'the desktop notifier');
  const command = commandProblem(g, now);
  if (!command) channels.push('the notify_command');
  if (channels.length === 0) {
    return [
      make(
        'warn',
        'no_alert_channel',
        `no alert can reach you: ${desktop}; ${command} — a dead login or all slots inactive would only be written to the log`,
        noChannelFix(g),
      ),
    ];
  }
  const out = [make('ok', 'alert_delivery', `alerts reach you through ${channels.join(' and ')}`, null)];
  if (d.notifyCommand && command) {
    out.push(
      make(
        'warn',
        'notify_command_failing',
        command,
        `fix the notify_command in ${g.registry.path}; see the log: ${g.log.path}`,
      ),
    );
  }
  return out;
}
