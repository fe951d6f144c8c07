/**
 * The slot registry, `claude-sessions.yaml` (docs/schemas.md): the schema of an account entry and of
 * `settings:`, and the reader that turns the YAML document's value into a registry or a located error.
 * Every message names the key, says what is allowed and quotes what was found; the adapter adds the
 * file, line and column (adapters/registry/parse-registry.ts).
 *
 * The same schemas read the last good registry back from `engine-state.json`: reading a registry this
 * reader produced gives the same registry, key order included.
 */
import * as v from 'valibot';
import { DEFAULT_SETTINGS, SETTING_BOUNDS } from '../settings-defaults';
import { SLOT_ID_PATTERN, SLOT_ID_RULE } from '../slot-id';
import { type AlertsBlock, AlertsBlockSchema, readAlertsBlock } from './alerts-settings';
import { SlotStatusSchema, TokenRefreshModeSchema } from './common';
import { orAbsent } from './fields';

export { SLOT_ID_PATTERN } from '../slot-id';
/** The default account's config dir as written in the registry. */
export const DEFAULT_CONFIG_DIR = '~/.claude';
/** What the tray's title shows (`settings.tray_title`); anything else reads as the default. */
export const TRAY_TITLE_MODES = ['recommended', 'in_use', 'off'] as const;

const show = (value: unknown): string => JSON.stringify(value ?? null) ?? String(value);
const nonEmpty = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

/** An account as written: only `id` and `config_dir` (or `default: true`) are required. */
const AccountFieldsSchema = v.object({
  /** Checked first, on its own (below), so every later message can name the slot. */
  id: v.string(),
  config_dir: v.optional(v.unknown()),
  email: v.optional(v.unknown()),
  label: v.optional(v.unknown()),
  status: v.nullish(
    v.picklist(SlotStatusSchema.options, (issue) => `must be active or inactive (got ${show(issue.input)})`),
  ),
  /** Anything but `false` leaves the slot enabled. */
  enabled: v.optional(v.unknown()),
  default: v.nullish(v.boolean((issue) => `must be true or false (got ${show(issue.input)})`)),
});

/**
 * One account entry, as the broker uses it: `config_dir` NFC-normalised (never otherwise changed: it is
 * the string Claude Code hashes), `~/.claude` for `default: true` without one, `status` active unless it
 * says inactive, `enabled` unless it says false. Unknown keys are ignored (the file keeps them).
 */
export const SlotConfigSchema = v.pipe(
  v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null, 'is not a mapping'),
  v.forward(
    v.check(
      (a) => typeof a.id === 'string' && SLOT_ID_PATTERN.test(a.id),
      (issue) => `must match ${SLOT_ID_RULE} (got ${show((issue.input as Record<string, unknown>).id)})`,
    ),
    ['id'],
  ),
  AccountFieldsSchema,
  v.check(
    (a) => (a.default === true && a.config_dir == null) || nonEmpty(a.config_dir) !== undefined,
    'has no config_dir',
  ),
  v.transform((a) => {
    const isDefault = a.default === true;
    const email = nonEmpty(a.email);
    const label = nonEmpty(a.label);
    return {
      id: a.id,
      config_dir: (nonEmpty(a.config_dir) ?? DEFAULT_CONFIG_DIR).normalize('NFC'),
      ...(email !== undefined ? { email } : {}),
      ...(label !== undefined ? { label } : {}),
      status: a.status === 'inactive' ? ('inactive' as const) : ('active' as const),
      enabled: a.enabled !== false,
      ...(isDefault ? { default: true } : {}),
    };
  }),
);

/** `settings:` — every key optional with its default (settings-defaults.ts). */
/** A number setting within its documented bounds (SETTING_BOUNDS), else its default is not used: an error. */
const bounded = (key: keyof typeof SETTING_BOUNDS) => {
  const { min, max } = SETTING_BOUNDS[key];
  return v.optional(
    v.custom<number>(
      (x) => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max,
      (issue) => `must be from ${min} to ${max} (got ${show(issue.input)})`,
    ),
    DEFAULT_SETTINGS[key],
  );
};

export const BrokerSettingsSchema = v.object({
  /** Seconds between usage calls per slot (±10 % jitter). */
  refresh_interval_s: bounded('refresh_interval_s'),
  stale_threshold_s: bounded('stale_threshold_s'),
  token_refresh: v.optional(
    v.picklist(
      ['auto', ...TokenRefreshModeSchema.options],
      (issue) => `must be delegate, locked or never (got ${show(issue.input)})`,
    ),
    DEFAULT_SETTINGS.token_refresh,
  ),
  /** Per-request timeout for the usage and profile endpoints. */
  request_timeout_s: bounded('request_timeout_s'),
  /**
   * Timeout of a token refresh request (locked mode). Long on purpose: aborting it does not stop the
   * server from rotating the token, so a short one can lose a login on a slow link. Kept under the refresh
   * locks' 60 s stale time.
   */
  token_timeout_s: bounded('token_timeout_s'),
  /** Upper bound of usage calls per slot per trailing hour. */
  max_calls_per_hour: bounded('max_calls_per_hour'),
  /** How long a statusline observation replaces an endpoint call. */
  observation_fresh_s: bounded('observation_fresh_s'),
  /** Statusline format (docs/statusline.md); anything but a string is ignored. */
  statusline_format: orAbsent(v.string()),
  /** What the tray's title shows; anything else is ignored (the tray uses its default). */
  tray_title: orAbsent(v.picklist(TRAY_TITLE_MODES)),
  /** What the tray's title says: usage (`42%·3h`) or pace; anything else is ignored. */
  tray_title_form: orAbsent(v.picklist(['usage', 'pace'])),
  /**
   * The statusline's colours on/off and their thresholds, kept as written: domain/statusline/color-settings.ts
   * validates them and names a bad value, which then falls back to its default.
   */
  statusline_color: v.optional(v.unknown()),
  statusline_color_thresholds: v.optional(v.unknown()),
  /** The alerts block with its bad values left out (readAlertsBlock reports them). */
  alerts: v.optional(AlertsBlockSchema),
});

/** The registry as the broker uses it (and stores the last good one in engine-state.json). */
export const RegistrySchema = v.object({
  slots: v.array(SlotConfigSchema),
  settings: BrokerSettingsSchema,
});

type Registry = v.InferOutput<typeof RegistrySchema>;
type Path = (string | number)[];

export type RegistryRead =
  | { ok: true; registry: Registry; warnings: string[] }
  /** `path` locates the bad value in the document (for its line and column). */
  | { ok: false; message: string; path: Path };

function pathOf(issue: v.BaseIssue<unknown>): Path {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

/** How a message names the place: `slot work: status`, `accounts[2].id`, `settings.token_refresh`. */
function subjectOf(path: Path, accounts: unknown[]): string {
  const [top, index, key] = path;
  if (top !== 'accounts' || typeof index !== 'number') return path.join('.');
  const id = (accounts[index] as Record<string, unknown> | null)?.id;
  const known = typeof id === 'string' && SLOT_ID_PATTERN.test(id);
  if (key === undefined) return known ? `slot ${id}` : `accounts[${index}]`;
  return known && key !== 'id' ? `slot ${id}: ${key}` : `accounts[${index}].${key}`;
}

function fail(issue: v.BaseIssue<unknown>, prefix: Path, accounts: unknown[]): RegistryRead {
  const path = [...prefix, ...pathOf(issue)];
  return { ok: false, message: `${subjectOf(path, accounts)} ${issue.message}`, path };
}

/**
 * Reads the value of a registry document (`doc.toJS()`): its accounts and settings, or the first problem
 * with where it is. Duplicate ids are a problem; bad values inside `settings.alerts` are not (they are
 * left out and reported in `warnings`).
 */
export function readRegistryValue(value: unknown): RegistryRead {
  const data = value ?? {};
  if (typeof data !== 'object') return { ok: false, message: 'the top level must be a mapping', path: [] };
  const raw = data as Record<string, unknown>;
  const accounts = raw.accounts ?? [];
  if (!Array.isArray(accounts)) return { ok: false, message: 'accounts must be a list', path: ['accounts'] };
  const slots: v.InferOutput<typeof SlotConfigSchema>[] = [];
  for (const [i, entry] of accounts.entries()) {
    const parsed = v.safeParse(SlotConfigSchema, entry);
    if (!parsed.success) return fail(parsed.issues[0], ['accounts', i], accounts);
    slots.push(parsed.output);
  }
  const seen = new Set<string>();
  for (const [i, s] of slots.entries()) {
    if (seen.has(s.id))
      return { ok: false, message: `slot id ${s.id} appears twice`, path: ['accounts', i, 'id'] };
    seen.add(s.id);
  }
  const settingsRaw = raw.settings ?? {};
  if (typeof settingsRaw !== 'object')
    return { ok: false, message: 'settings must be a mapping', path: ['settings'] };
  const { alerts, ...rest } = settingsRaw as Record<string, unknown>;
  const alertsRead = alerts === undefined ? null : readAlertsBlock(alerts);
  const settings = v.safeParse(BrokerSettingsSchema, {
    ...rest,
    ...(alertsRead ? { alerts: alertsRead.block satisfies AlertsBlock } : {}),
  });
  if (!settings.success) return fail(settings.issues[0], ['settings'], accounts);
  return { ok: true, registry: { slots, settings: settings.output }, warnings: alertsRead?.errors ?? [] };
}

/** A registry stored by the broker (engine-state.json's last good registry); null when it is not one. */
export function parseStoredRegistry(value: unknown): Registry | null {
  const parsed = v.safeParse(RegistrySchema, value);
  return parsed.success ? parsed.output : null;
}
