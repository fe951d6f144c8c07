/**
 * Rules for the registry's value that every reader applies before reading it (docs/contracts.md "Slot
 * registry"): the top level is a mapping, `enabled` and `default` are real booleans (YAML 1.2 reads
 * `no` as a string, which would leave the slot polling), and every numeric setting lies within its
 * documented bounds (a timeout past ~24.8 days overflows Node's timers and fires at once). Pure.
 */

/** Inclusive bounds of the numeric settings, in their own unit (seconds, calls). */
export const SETTING_BOUNDS = {
  refresh_interval_s: { min: 60, max: 86_400 },
  stale_threshold_s: { min: 1, max: 604_800 },
  request_timeout_s: { min: 1, max: 300 },
  /** Under Claude Code's 60 s refresh-lock stale time (docs/claude-code.md "Refreshing a token"). */
  token_timeout_s: { min: 1, max: 55 },
  max_calls_per_hour: { min: 1, max: 3_600 },
  observation_fresh_s: { min: 1, max: 86_400 },
} as const satisfies Record<string, { min: number; max: number }>;

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
    for (const key of ['enabled', 'default'] as const) {
      const v = account[key];
      if (v !== undefined && v !== null && typeof v !== 'boolean')
        return {
          path: ['accounts', i, key],
          message: `accounts[${i}].${key} must be true or false (got ${show(v)}; YAML reads yes/no/on/off as text)`,
        };
    }
  }
  const settings = isMapping(value.settings) ? value.settings : {};
  for (const [key, { min, max }] of Object.entries(SETTING_BOUNDS)) {
    const v = settings[key];
    if (typeof v === 'number' && !(Number.isFinite(v) && v >= min && v <= max))
      return {
        path: ['settings', key],
        message: `settings.${key} must be from ${min} to ${max} (got ${show(v)})`,
      };
  }
  return null;
}
