/**
 * `doctor --json` (docs/doctor.md "--json", docs/json.md): version 1 of the doctor's report. Keys are
 * added within a version, never renamed or removed. JSON Schema: docs/json-schema/doctor.json,
 * generated from this; domain/doctor/render-json.ts builds it.
 */
import * as v from 'valibot';
import { SlotErrorSchema, SlotHealthSchema, SlotStatusSchema, TokenRefreshModeSchema } from '../common';
import { TimeSchema } from '../fields';
import { OpenAlertJsonSchema } from './status';

const text = v.nullable(v.string());
const time = v.nullable(TimeSchema);
const count = v.nullable(v.number());

export const FindingJsonSchema = v.object({
  /** `info`: context for another finding (a dead slot's last success), neither fine nor a problem. */
  level: v.picklist(['ok', 'info', 'warn', 'problem']),
  /** `global` or a slot id. */
  scope: v.string(),
  /** Stable machine name (docs/doctor.md lists them). */
  code: v.string(),
  message: v.string(),
  /** What to do, or null when nothing is needed. */
  fix: text,
});

/** What `--online` found for one slot; null without `--online`. */
const ProbeJsonSchema = v.nullable(
  v.variant('state', [
    v.object({ state: v.literal('skipped'), reason: v.string() }),
    v.object({ state: v.literal('ok'), five_hour: count, seven_day: count, renewed: v.boolean() }),
    v.object({ state: v.literal('login_dead'), message: v.string() }),
    v.object({ state: v.literal('failed'), kind: v.string(), status: count, message: v.string() }),
  ]),
);

const DoctorSlotJsonSchema = v.object({
  email: text,
  config_dir: v.string(),
  config_dir_exists: v.boolean(),
  enabled: v.boolean(),
  status: SlotStatusSchema,
  health: v.nullable(SlotHealthSchema),
  credentials: v.object({
    state: v.picklist(['absent', 'logged_out', 'unreadable', 'ok']),
    /** Which keychain item or file (never its content). */
    where: v.string(),
  }),
  access_expires_at: time,
  login_expires_at: time,
  login_seen_at: time,
  last_fetched: time,
  last_error: v.nullable(SlotErrorSchema),
  requests_last_hour: v.number(),
  backoff_until: time,
  probe: ProbeJsonSchema,
});

const GlobalJsonSchema = v.object({
  state_dir: v.string(),
  registry: v.object({
    state: v.picklist(['absent', 'ok', 'error']),
    path: v.string(),
    slots: count,
    error: text,
    line: count,
    col: count,
  }),
  slots_origin: v.picklist(['file', 'last_good', 'discovered', 'cache', 'none']),
  cache: v.object({
    state: v.picklist(['absent', 'ok', 'error']),
    path: v.string(),
    ts: time,
    age_ms: count,
    stale_threshold_s: v.number(),
    error: text,
    writer: v.nullable(v.object({ app: v.string(), pid: v.number() })),
  }),
  broker: v.object({
    running: v.boolean(),
    pid: count,
    surface: text,
    heartbeat_age_ms: count,
    last_cycle_at: time,
  }),
  service: v.object({
    kind: v.nullable(v.picklist(['systemd', 'launchd'])),
    path: text,
    installed: v.boolean(),
    stdout: text,
    stderr: text,
    command: text,
    missing_program: text,
  }),
  cron: v.object({
    sources: v.array(v.string()),
    note: text,
    lines: v.array(
      v.object({
        source: v.string(),
        line: v.number(),
        text: v.string(),
        runs_broker: v.boolean(),
        discards_output: v.boolean(),
        kind: v.picklist(['broker', 'refresher', 'cache_writer', 'claude']),
      }),
    ),
  }),
  log: v.object({
    path: v.string(),
    exists: v.boolean(),
    recent_errors: v.array(v.object({ at: time, text: v.string() })),
  }),
  claude_bin: text,
  token_refresh: v.union([TokenRefreshModeSchema, v.literal('auto')]),
  alerts: v.object({
    enabled: v.boolean(),
    notify_command: v.boolean(),
    notifier: v.nullable(v.picklist(['notify-send', 'osascript'])),
    notifier_path: text,
    display: v.boolean(),
    session_bus: v.boolean(),
    delivery_failures: v.array(
      v.object({ at: time, channel: v.picklist(['desktop', 'notify_command']), text: v.string() }),
    ),
  }),
});

export const DoctorJsonSchema = v.object({
  version: v.literal(1),
  generated_at: TimeSchema,
  online: v.boolean(),
  /** 0 healthy (warnings allowed), 1 problems found. */
  exit_code: v.picklist([0, 1]),
  healthy: v.boolean(),
  summary: v.object({ problems: v.number(), warnings: v.number(), slots: v.number() }),
  findings: v.array(FindingJsonSchema),
  /** The steps the text output lists under "What to do:", in order, each once. */
  what_to_do: v.array(v.string()),
  slots: v.record(v.string(), DoctorSlotJsonSchema),
  global: GlobalJsonSchema,
  open_alerts: v.array(OpenAlertJsonSchema),
});

export type DoctorJson = v.InferOutput<typeof DoctorJsonSchema>;
