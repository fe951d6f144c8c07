import { join } from 'node:path';
import { getHomeDir } from './home-dir';

/** Every file and endpoint location the broker uses, resolved once from the environment (docs/contracts.md "Files and environment"). */
export interface BrokerPaths {
  home: string;
  stateDir: string;
  registry: string;
  cache: string;
  log: string;
  /** Per-slot persistent engine state: back-off, request history. */
  engineState: string;
  /** Statusline observations, one small file per slot. */
  observationsDir: string;
  /** The one-broker lock (a proper-lockfile directory lock). */
  brokerLock: string;
  /** Who holds the broker lock (pid, surface), for status/doctor and `refresh`. */
  brokerInfo: string;
  alertState: string;
  history: string;
  apiBase: string;
  tokenUrl: string;
  /** `claude` executable: explicit path or command name looked up on PATH. */
  claude: string;
  credentials: 'auto' | 'keychain' | 'secret-service' | 'file';
  /** The default account's config dir: `~/.claude`. */
  defaultConfigDir: string;
}

export const DEFAULT_API_BASE = 'https://api.anthropic.com';
export const DEFAULT_TOKEN_URL = 'https://platform.claude.com/v1/oauth/token';

/** Resolves all paths from an environment; tests pass their own `env` and `home`. */
export function getBrokerPaths(
  env: NodeJS.ProcessEnv = process.env,
  home: string = getHomeDir(env),
): BrokerPaths {
  const stateDir = env.QUOTA_BROKER_HOME || join(home, '.claude', 'session-health');
  const cred = env.QUOTA_BROKER_CREDENTIALS || 'auto';
  if (!['auto', 'keychain', 'secret-service', 'file'].includes(cred)) {
    throw new Error(
      `QUOTA_BROKER_CREDENTIALS must be auto, keychain, secret-service or file (got "${cred}").`,
    );
  }
  return {
    home,
    stateDir,
    registry: env.QUOTA_BROKER_SESSIONS || join(stateDir, 'claude-sessions.yaml'),
    cache: join(stateDir, 'merged-quota-cache.json'),
    log: join(stateDir, 'broker.log'),
    engineState: join(stateDir, 'engine-state.json'),
    observationsDir: join(stateDir, 'observations'),
    brokerLock: join(stateDir, 'broker'),
    brokerInfo: join(stateDir, 'broker.json'),
    alertState: join(stateDir, 'alert-state.json'),
    history: join(stateDir, 'history.jsonl'),
    apiBase: (env.QUOTA_BROKER_API_URL || DEFAULT_API_BASE).replace(/\/+$/, ''),
    tokenUrl: env.QUOTA_BROKER_TOKEN_URL || DEFAULT_TOKEN_URL,
    claude: env.QUOTA_BROKER_CLAUDE || 'claude',
    credentials: cred as BrokerPaths['credentials'],
    defaultConfigDir: join(home, '.claude'),
  };
}
