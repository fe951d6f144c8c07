/**
 * Adopting an existing setup, for every face (`slots discover [--add]`, `slots import <file>`, the UI's
 * empty state): find what is on disk, plan which slots to add (domain/adopt.ts), and add them to the
 * broker's registry when asked. The registries found are only read — an imported file stays
 * byte-identical.
 */
import { realpath } from 'node:fs/promises';
import { readCredentials } from '../adapters/credentials/credentials';
import { getCredentialTarget } from '../adapters/credentials/keychain-naming';
import { findSetup, type SetupFound } from '../adapters/discovery/find-setup';
import { addAccount, editRegistry, loadRegistry } from '../adapters/registry/registry-store';
import { type AdoptReport, type FoundRegistry, planAdoption } from '../domain/adopt';
import { DEFAULT_CONFIG_DIR } from '../domain/schemas/registry';
import type { EngineDeps } from '../engine/deps';

export interface AdoptOptions {
  /** Add the slots found (else only report them). */
  add: boolean;
  /** Import this registry file instead of discovering (`slots import <file>`). */
  from?: string;
}

/** An error adoption reports as a sentence (the registry cannot be read, the file to import is broken). */
export class AdoptError extends Error {
  override name = 'AdoptError';
}

/** One registry file, read for import; the broker's own registry is never imported into itself. */
async function readImport(file: string, deps: EngineDeps): Promise<SetupFound> {
  const load = await loadRegistry(file);
  if (load.state === 'absent') throw new AdoptError(`${file}: no such file.`);
  if (load.state === 'error') throw new AdoptError(load.error.message);
  const same = await Promise.all([file, deps.paths.registry].map((p) => realpath(p).catch(() => p)));
  const registry: FoundRegistry = {
    path: file,
    inUse: same[0] === same[1],
    state: 'ok',
    slots: load.registry.slots,
    error: null,
  };
  // Creating the registry ends discovery of the default account: keep it, as `slots add` does.
  const logins: SetupFound['logins'] = [];
  const target = await loadRegistry(deps.paths.registry);
  if (target.state === 'absent') {
    const cred = await readCredentials(deps.store, getCredentialTarget(null, deps.paths.defaultConfigDir));
    if (cred.state === 'ok')
      logins.push({ configDir: DEFAULT_CONFIG_DIR, isDefault: true, login: cred.state, email: null });
  }
  return { registries: [registry], logins };
}

/** Finds (or reads `from`), plans and — with `add` — adds. Throws an AdoptError with a sentence. */
export async function adoptSetup(deps: EngineDeps, options: AdoptOptions): Promise<AdoptReport> {
  const { paths } = deps;
  const found = options.from
    ? await readImport(options.from, deps)
    : await findSetup(paths, deps.store, deps.env);
  const target = await loadRegistry(paths.registry);
  if (target.state === 'error' && options.add) throw new AdoptError(target.error.message);
  const candidates = planAdoption({
    registries: found.registries,
    logins: found.logins,
    existing: target.state === 'ok' ? target.registry.slots : [],
    home: paths.home,
  });
  const fresh = candidates.filter((c) => !c.present);
  if (options.add && fresh.length > 0) {
    try {
      await editRegistry(
        paths.registry,
        (doc) => {
          for (const c of fresh)
            addAccount(doc, {
              id: c.id,
              config_dir: c.config_dir,
              email: c.email ?? undefined,
              label: c.label ?? undefined,
              default: c.default || undefined,
            });
        },
        deps.fs,
      );
    } catch (e) {
      throw new AdoptError((e as Error).message);
    }
  }
  return {
    registry: paths.registry,
    registries: found.registries.map(({ slots, ...r }) => ({ ...r, slots: slots.length })),
    candidates,
    added: options.add ? fresh.map((c) => c.id) : [],
  };
}
