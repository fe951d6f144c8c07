/**
 * Adopting an existing setup (docs/contracts.md "Adopting an existing setup"): from the registries and the
 * logged-in config dirs found on disk, which slots to add to the broker's registry — the old registries'
 * slots first, in their order with their ids, emails and labels, then every other config dir with a stored
 * login. Pure: the adapters find, this decides.
 */
import { getConfigDirLabel, isSameConfigDir } from './config-dir';
import { SLOT_ID_MAX_LENGTH } from './slot-id';
import type { SlotConfig } from './types';

/** What is stored for a config dir (never the tokens). */
export type LoginState = 'ok' | 'logged_out' | 'absent' | 'unreadable';

/** A config dir found on disk (`~/.claude`, `~/.claude-*`, `~/.claude[0-9]*`, or one a registry names). */
export interface FoundLogin {
  /** As a registry writes it: `~/.claude-1`, or the registry's own spelling. */
  configDir: string;
  /** The account plain `claude` uses (`~/.claude`, CLAUDE_CONFIG_DIR unset). */
  isDefault: boolean;
  login: LoginState;
  email: string | null;
}

/** A registry found in a known place. */
export interface FoundRegistry {
  path: string;
  /** The registry this broker uses (QUOTA_BROKER_SESSIONS, or the state dir's): nothing to import from it. */
  inUse: boolean;
  state: 'ok' | 'error';
  slots: SlotConfig[];
  /** Why it could not be read (file:line:col), else null. */
  error: string | null;
}

/** One slot adoption would add, or found already there. */
export interface AdoptCandidate {
  id: string;
  config_dir: string;
  default: boolean;
  email: string | null;
  label: string | null;
  /** The registry it comes from, or null for a config dir found in the home dir. */
  from: string | null;
  login: LoginState | 'unknown';
  /** Already in the broker's registry (under `id`): nothing to add. */
  present: boolean;
  /** The id it had where it was found, when that id was taken and it gets another. */
  renamedFrom: string | null;
}

export interface AdoptInput {
  registries: FoundRegistry[];
  logins: FoundLogin[];
  /** The broker's registry as it is (empty when there is none). */
  existing: SlotConfig[];
  home: string;
}

/** The id for a config dir nobody named: `default` for the default account, else its name (`claude-work`). */
export function getDiscoveredSlotId(configDir: string, isDefault: boolean): string {
  if (isDefault) return 'default';
  const id = getConfigDirLabel(configDir)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: `Ü` → `U`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLOT_ID_MAX_LENGTH);
  return id || 'slot';
}

/** `id`, or `id-2`, `id-3`, … — the first one not in `taken`. */
function uniqueId(id: string, taken: Set<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${id.slice(0, SLOT_ID_MAX_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The slots to adopt, in the order they are added. A config dir appears once (the first registry naming it
 * wins, then the home dir's scan); one already in the broker's registry is `present`. The home dir's
 * config dirs count only with something stored (a login, or the logged-out stub of one that died).
 */
export function planAdoption(input: AdoptInput): AdoptCandidate[] {
  const { home } = input;
  const same = (a: { dir: string; def: boolean }, b: { dir: string; def: boolean }) =>
    a.def || b.def ? a.def === b.def : isSameConfigDir(a.dir, b.dir, home);
  const loginOf = (dir: string, def: boolean) =>
    input.logins.find((l) => same({ dir: l.configDir, def: l.isDefault }, { dir, def }));
  const proposals: Omit<AdoptCandidate, 'present' | 'renamedFrom' | 'login'>[] = [];
  const proposed = (dir: string, def: boolean) =>
    proposals.some((p) => same({ dir: p.config_dir, def: p.default }, { dir, def }));
  for (const registry of input.registries) {
    if (registry.inUse || registry.state !== 'ok') continue;
    for (const s of registry.slots) {
      const def = s.default === true;
      if (proposed(s.config_dir, def)) continue;
      proposals.push({
        id: s.id,
        config_dir: s.config_dir,
        default: def,
        email: s.email ?? null,
        label: s.label ?? null,
        from: registry.path,
      });
    }
  }
  for (const l of input.logins) {
    if (l.login === 'absent' || proposed(l.configDir, l.isDefault)) continue;
    proposals.push({
      id: getDiscoveredSlotId(l.configDir, l.isDefault),
      config_dir: l.configDir,
      default: l.isDefault,
      email: l.email,
      label: null,
      from: null,
    });
  }
  const taken = new Set(input.existing.map((s) => s.id));
  return proposals.map((p) => {
    const login = loginOf(p.config_dir, p.default)?.login ?? 'unknown';
    const there = input.existing.find((s) =>
      same({ dir: s.config_dir, def: s.default === true }, { dir: p.config_dir, def: p.default }),
    );
    if (there) return { ...p, id: there.id, login, present: true, renamedFrom: null };
    const id = uniqueId(p.id, taken);
    taken.add(id);
    return { ...p, id, login, present: false, renamedFrom: id === p.id ? null : p.id };
  });
}

/** What discovery found and did: what `slots discover`, `slots import` and the UI's empty state show. */
export interface AdoptReport {
  /** The broker's registry, where slots are added. */
  registry: string;
  /** Registries found (for `slots import`: the one file), without their slots. */
  registries: { path: string; inUse: boolean; state: 'ok' | 'error'; slots: number; error: string | null }[];
  candidates: AdoptCandidate[];
  /** Ids added to the broker's registry by this run (empty unless asked to add). */
  added: string[];
}
