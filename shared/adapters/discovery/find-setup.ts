/**
 * Finds an existing setup on disk, read-only (docs/contracts.md "Adopting an existing setup"): registries
 * in known places (the one in use, `$QUOTA_BROKER_SESSIONS`, the default state dir's,
 * `~/_claude-configs/<any>/claude-sessions.yaml`) and the Claude Code config dirs in the home dir
 * (`~/.claude`, `~/.claude-*`, `~/.claude[0-9]*`) plus every dir a found registry names, each with what is
 * stored for it. Nothing is written, and no token leaves the credential store's reader.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FoundLogin, FoundRegistry } from '../../domain/adopt';
import { DEFAULT_CONFIG_DIR } from '../../domain/schemas/registry';
import type { SlotConfig } from '../../domain/types';
import type { CredentialStore } from '../../ports/credential-store';
import { readAccountIdentity } from '../account-identity';
import { readCredentials } from '../credentials/credentials';
import { getSlotTarget } from '../credentials/slot-target';
import type { BrokerPaths } from '../paths';
import { loadRegistry } from '../registry/registry-store';

/** The folder home-made setups keep their registry in: `~/_claude-configs/<name>/claude-sessions.yaml`. */
export const OLD_SETUP_DIR = '_claude-configs';
export const REGISTRY_FILE = 'claude-sessions.yaml';
/** `.claude`, `.claude-<anything>`, `.claude<digit><anything>`; not proper-lockfile's `<dir>.lock` dirs. */
const CONFIG_DIR_NAME = /^\.claude(?:-.+|[0-9].*)?$/;

export interface SetupFound {
  registries: FoundRegistry[];
  logins: FoundLogin[];
}

const isDir = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
/** The same file however it is spelt (symlinks, `..`); the path itself when it cannot be resolved. */
const canonical = (path: string) => realpath(path).catch(() => path);

async function listOldRegistries(home: string): Promise<string[]> {
  const base = join(home, OLD_SETUP_DIR);
  const names = await readdir(base).catch(() => [] as string[]);
  const files = names.sort().map((n) => join(base, n, REGISTRY_FILE));
  const found = await Promise.all(files.map(exists));
  return files.filter((_, i) => found[i]);
}

/** Every registry in a known place, the one in use first; each file once. */
async function findRegistries(paths: BrokerPaths, env: NodeJS.ProcessEnv): Promise<FoundRegistry[]> {
  const defaultRegistry = join(paths.home, '.claude', 'session-health', REGISTRY_FILE);
  const candidates = [
    paths.registry,
    ...(env.QUOTA_BROKER_SESSIONS ? [env.QUOTA_BROKER_SESSIONS] : []),
    defaultRegistry,
    ...(await listOldRegistries(paths.home)),
  ];
  const inUse = await canonical(paths.registry);
  const seen = new Set<string>();
  const out: FoundRegistry[] = [];
  for (const path of candidates) {
    const key = await canonical(path);
    if (seen.has(key)) continue;
    seen.add(key);
    const load = await loadRegistry(path);
    if (load.state === 'absent') continue;
    out.push({
      path,
      inUse: key === inUse,
      state: load.state,
      slots: load.state === 'ok' ? load.registry.slots : [],
      error: load.state === 'error' ? load.error.message : null,
    });
  }
  return out;
}

/** What is stored for one slot's login, and who it is. */
async function readLogin(
  slot: Pick<SlotConfig, 'config_dir' | 'default'>,
  paths: BrokerPaths,
  store: CredentialStore,
): Promise<FoundLogin> {
  const target = getSlotTarget(
    { id: 'x', status: 'active', enabled: true, ...slot },
    paths.defaultConfigDir,
    paths.home,
  );
  const [cred, identity] = await Promise.all([
    readCredentials(store, target),
    readAccountIdentity(target, paths.home),
  ]);
  return {
    configDir: slot.config_dir,
    isDefault: slot.default === true,
    login: cred.state,
    email: identity.email,
  };
}

/** The config dirs of the home dir, as a registry would write them (`~/.claude-1`). */
async function findHomeConfigDirs(home: string): Promise<{ config_dir: string; default: boolean }[]> {
  const names = (await readdir(home).catch(() => [] as string[]))
    .filter((n) => CONFIG_DIR_NAME.test(n) && !n.endsWith('.lock'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const dirs = await Promise.all(names.map((n) => isDir(join(home, n))));
  return names
    .filter((_, i) => dirs[i])
    .map((n) =>
      n === '.claude'
        ? { config_dir: DEFAULT_CONFIG_DIR, default: true }
        : { config_dir: `~/${n}`, default: false },
    );
}

/** Finds registries and logged-in config dirs. Never throws for a missing or broken file. */
export async function findSetup(
  paths: BrokerPaths,
  store: CredentialStore,
  env: NodeJS.ProcessEnv,
): Promise<SetupFound> {
  const [registries, homeDirs] = await Promise.all([
    findRegistries(paths, env),
    findHomeConfigDirs(paths.home),
  ]);
  const named = registries.flatMap((r) =>
    r.slots.map((s) => ({ config_dir: s.config_dir, default: s.default })),
  );
  const logins = await Promise.all([...homeDirs, ...named].map((d) => readLogin(d, paths, store)));
  return { registries, logins };
}
