/**
 * Rules for the registry's value that every reader applies before reading it (docs/contracts.md "Slot
 * registry"): the top level is a mapping, `enabled` and `default` are real booleans (YAML 1.2 reads
 * `no` as a string, which would leave the slot polling). The numeric settings' bounds are checked by the
 * registry schema (domain/schemas/registry.ts, from SETTING_BOUNDS in settings-defaults.ts). Pure.
 */

/** What is wrong and where: a path into the value (`['accounts', 0, 'enabled']`) for the line:col. */
export interface RegistryRuleViolation {
  path: (string | number)[];
  message: string;
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first rule `value` (a parsed registry; null for an empty file) breaks, or null. Types other rules
 * own (a list of accounts, an id, a string setting) are left to the reader.
 */
export function findRegistryRuleViolation(value: unknown): RegistryRuleViolation | null {
  if (value === null || value === undefined) return null;
  if (!isMapping(value))
    return {
      path: [],
      message: `the top level must be a mapping with accounts: and settings: (got ${Array.isArray(value) ? 'a list' : show(value)})`,
    };
  const accounts = Array.isArray(value.accounts) ? value.accounts : [];
  for (const [i, account] of accounts.entries()) {
    if (!isMapping(account)) continue;
    const named =
      typeof account.id === 'string' && account.id !== '' ? `slot ${account.id}: ` : `accounts[${i}].`;
    for (const key of ['enabled', 'default'] as const) {
      const v = account[key];
      if (v !== undefined && v !== null && typeof v !== 'boolean')
        return {
          path: ['accounts', i, key],
          message: `${named}${key} must be true or false (got ${show(v)}; YAML reads yes/no/on/off as text)`,
        };
    }
  }
  // The numeric settings' bounds (settings-defaults.ts SETTING_BOUNDS) are the registry schema's to check.
  return null;
}
