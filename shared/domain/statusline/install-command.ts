/**
 * The shape of the statusLine command `statusline --install` writes (docs/statusline.md "Install").
 * It starts node with `NODE_EXTRA_CA_CERTS` empty — node reads that CA file at every start, ~50–90 ms,
 * and the statusline makes no TLS connection — and hands the original value on in
 * `QUOTA_BROKER_EXTRA_CA_CERTS`, which the detached refresh it may start puts back (refresh-trigger.ts).
 * POSIX shell syntax (`VAR=value cmd`), as Claude Code runs the command through a shell on macOS and Linux.
 */

/** Carries the session's `NODE_EXTRA_CA_CERTS` past the statusline to the refresh it starts. */
export const EXTRA_CA_CERTS_CARRIER = 'QUOTA_BROKER_EXTRA_CA_CERTS';

/** What the installed command starts with, before node's path. */
export const STATUSLINE_ENV_PREFIX = `${EXTRA_CA_CERTS_CARRIER}="$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS= `;

/** True for a statusLine written by any Quota Broker install (any path to `quota-broker … statusline`). */
export function isQuotaBrokerStatusLine(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const command = (value as { command?: unknown }).command;
  return typeof command === 'string' && /quota-broker(\.cjs)?['"]?\s+statusline(\s|$)/.test(command);
}

/**
 * True for our statusLine in the form of an install from before the prefix: it starts node with the
 * session's `NODE_EXTRA_CA_CERTS`, so every update pays for loading that file. Re-running
 * `statusline --install` upgrades it.
 */
export function isOldFormStatusLine(value: unknown): boolean {
  if (!isQuotaBrokerStatusLine(value)) return false;
  return !(value as { command: string }).command.startsWith(STATUSLINE_ENV_PREFIX);
}
