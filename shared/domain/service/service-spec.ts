/**
 * What a background service for `quota-broker daemon` needs (README "Keeping the broker running"): the real node and script paths,
 * the environment that makes it see the same state dir as the installing shell, and one log file for its
 * output — never /dev/null. Pure.
 */

/** systemd user unit name (without `.service`). */
export const SYSTEMD_UNIT_NAME = 'quota-broker';
/** launchd agent label, also the plist's file name. */
export const LAUNCHD_LABEL = 'com.quota-broker.daemon';
/** Wait before a crashed broker is restarted. */
export const RESTART_DELAY_S = 10;

export interface ServiceSpec {
  /** Absolute path of the node executable. */
  nodePath: string;
  /** Absolute path of bin/quota-broker.cjs. */
  binPath: string;
  /** `<state dir>/broker.log`: stdout and stderr are appended here. */
  logPath: string;
  /** Variables set for the daemon, in a stable order. */
  env: Record<string, string>;
  /** The app version that wrote the file (a comment, for people). */
  appVersion: string;
}

/**
 * The first value of `spec` that would break out of its line in a unit or plist (a CR, LF or NUL: in a
 * systemd unit the rest becomes a directive of its own), named for the error; null when all are safe.
 */
export function findUnsafeServiceValue(spec: ServiceSpec): string | null {
  const named: [string, string][] = [
    ['the node path', spec.nodePath],
    ['the quota-broker path', spec.binPath],
    ['the log path', spec.logPath],
    ...Object.entries(spec.env).flatMap(([k, v]): [string, string][] => [
      [`the variable name ${JSON.stringify(k)}`, k],
      [k, v],
    ]),
  ];
  return named.find(([, value]) => /[\r\n\0]/.test(value))?.[0] ?? null;
}

/** Refuses a spec with a value {@link findUnsafeServiceValue} finds; the generators call it first. */
export function assertSafeServiceSpec(spec: ServiceSpec): void {
  const unsafe = findUnsafeServiceValue(spec);
  if (unsafe)
    throw new Error(
      `${unsafe} holds a line break or NUL, which would add lines of its own to the service file; nothing was written. Fix it and run: quota-broker service install`,
    );
}

/** Variables worth carrying from the installing shell (none holds a secret). */
const CARRIED = ['PATH', 'NODE_EXTRA_CA_CERTS'];

/**
 * The environment the service sets: every non-empty `QUOTA_BROKER_*` variable of the installing shell
 * (a custom state dir or registry is kept), PATH (so the daemon finds `claude` and the notifiers) and
 * NODE_EXTRA_CA_CERTS. Variables that override a Claude login are never carried.
 */
export function getServiceEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  const keys = Object.keys(env)
    .filter((k) => k.startsWith('QUOTA_BROKER_') || CARRIED.includes(k))
    .sort();
  for (const key of keys) {
    const value = env[key];
    if (value) out[key] = value;
  }
  return out;
}
