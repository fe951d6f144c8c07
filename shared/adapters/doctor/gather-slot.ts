/** The facts about one slot: config dir, stored login (never its tokens), cache entry, engine state, probe. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expandTilde } from '../../domain/config-dir';
import type { CredentialFacts, ProbeFacts, SlotFacts, StatuslineFacts } from '../../domain/doctor/types';
import { isOldFormStatusLine, isQuotaBrokerStatusLine } from '../../domain/statusline/install-command';
import type { BrokerSettings, CacheSlot, SlotConfig } from '../../domain/types';
import type { CredentialStore } from '../../ports/credential-store';
import { CLAUDE_JSON_READ_TIMEOUT_MS, readAccountIdentity } from '../account-identity';
import { readCredentials } from '../credentials/credentials';
import { getClaudeConfigDirEnv } from '../credentials/keychain-naming';
import { getSlotTarget } from '../credentials/slot-target';
import type { SlotEngineState } from '../engine-state-store';
import { readBoundedFile } from '../fs/read-bounded';
import type { BrokerPaths } from '../paths';

/** Claude Code's settings.json is small; a bigger one is not read for this check. */
const SETTINGS_JSON_MAX_BYTES = 4 * 1024 * 1024;

/** Our statusLine in `<configDir>/settings.json`, if any; a missing or broken file is simply none. */
async function readStatuslineFacts(configDir: string): Promise<StatuslineFacts | null> {
  const settingsPath = join(configDir, 'settings.json');
  try {
    const text = await readBoundedFile(settingsPath, {
      maxBytes: SETTINGS_JSON_MAX_BYTES,
      timeoutMs: CLAUDE_JSON_READ_TIMEOUT_MS,
    });
    const value = text ? (JSON.parse(text.replace(/^\uFEFF/, '')) as { statusLine?: unknown }) : null;
    if (!value || !isQuotaBrokerStatusLine(value.statusLine)) return null;
    return { configDir, settingsPath, oldForm: isOldFormStatusLine(value.statusLine) };
  } catch {
    return null;
  }
}

/** What `--online` is given for one slot (host/doctor-online.ts answers it through the engine's path). */
export interface OnlineCheckInput {
  slot: SlotConfig;
  cache: CacheSlot | null;
  state: SlotEngineState | null;
  credentials: CredentialFacts;
  settings: BrokerSettings;
  email: string | null;
}

/** Finds out whether a slot's login works; never throws. */
export type OnlineCheck = (input: OnlineCheckInput) => Promise<ProbeFacts>;

export interface GatherSlotInput {
  slot: SlotConfig;
  paths: BrokerPaths;
  store: CredentialStore;
  cache: CacheSlot | null;
  state: SlotEngineState | null;
  settings: BrokerSettings;
  /** Set for `--online`. */
  online: OnlineCheck | null;
}

const isDir = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** Gathers one slot's facts; reads run in parallel and never throw. */
export async function gatherSlotFacts(input: GatherSlotInput): Promise<SlotFacts> {
  const { slot, paths, store } = input;
  const target = getSlotTarget(slot, paths.defaultConfigDir, paths.home);
  const configDir = expandTilde(slot.config_dir, paths.home);
  const [dirExists, cred, identity, statusline] = await Promise.all([
    isDir(configDir),
    readCredentials(store, target),
    slot.email || input.cache?.email ? Promise.resolve(null) : readAccountIdentity(target, paths.home),
    readStatuslineFacts(configDir),
  ]);
  const where = store.describe(target);
  let credentials: CredentialFacts;
  switch (cred.state) {
    case 'ok':
      credentials = {
        state: 'ok',
        where,
        accessExpiresAt: cred.tokens.expiresAt,
        loginExpiresAt: cred.tokens.refreshTokenExpiresAt ?? null,
        fingerprint: cred.fingerprint,
      };
      break;
    case 'unreadable':
      credentials = { state: 'unreadable', where, error: cred.error };
      break;
    default:
      credentials = { state: cred.state, where };
  }
  const state = input.state;
  const facts: SlotFacts = {
    id: slot.id,
    email: slot.email ?? input.cache?.email ?? identity?.email ?? null,
    configDir: slot.config_dir,
    claudeConfigDirEnv: getClaudeConfigDirEnv(target) ?? null,
    configDirExists: dirExists,
    enabled: slot.enabled,
    status: slot.status,
    credentials,
    cache: input.cache,
    backoff: state?.backoff ?? null,
    requests: state?.requests ?? [],
    inactiveFingerprint: state?.inactive_fingerprint ?? null,
    loginSeenAt: state?.login_seen_at ?? input.cache?.login_seen_at ?? null,
    probe: null,
    statusline,
  };
  if (input.online && slot.enabled && dirExists) {
    facts.probe = await input.online({
      slot,
      cache: input.cache,
      state,
      credentials,
      settings: input.settings,
      email: facts.email,
    });
  }
  return facts;
}
