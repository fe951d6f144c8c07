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
