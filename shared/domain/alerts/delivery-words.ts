/**
 * How the deliverer words a failed delivery in the log (engine/deliver-alerts.ts,
 * adapters/alerts/notify-command.ts) — the doctor finds these lines by the same words
 * (domain/doctor/log-lines.ts). Pure constants.
 */

/** `Could not show the alert with notify-send: …` */
export const DESKTOP_FAILURE_PREFIX = 'Could not show the alert with';

/** `notify_command exited with code 1…`, `notify_command timed out…`, `notify_command could not start…` */
export const NOTIFY_COMMAND_FAILURE_PREFIX = 'notify_command ';
