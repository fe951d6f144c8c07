/**
 * Core data types shared by the engine, the CLI, the statusline, the UI and Electron.
 * Pure data: no I/O, no Node, no DOM. Times are epoch milliseconds unless a name ends in `_at`
 * and holds an ISO string from the API (`resets_at`).
 *
 * What is read from a file or from another program is described by a schema in ./schemas/ and its type
 * is inferred here; the rest are the engine's own shapes.
 */
import type * as v from 'valibot';
import type { CacheFileSchema, CacheSlotSchema } from './schemas/cache';
import type {
  DataSourceSchema,
  ErrorKindSchema,
  ExtraUsageSchema,
  ModelWeeklyLimitSchema,
  SlotErrorSchema,
  SlotHealthSchema,
  SlotStatusSchema,
  TokenRefreshModeSchema,
  UsageWindowSchema,
} from './schemas/common';
import type { OAuthTokensSchema } from './schemas/credentials';
import type { HistoryPointSchema } from './schemas/history';
import type { BrokerSettingsSchema, RegistrySchema, SlotConfigSchema } from './schemas/registry';

/** Persisted in the registry. */
export type SlotStatus = v.InferOutput<typeof SlotStatusSchema>;

/** Computed on every cycle (docs/schemas.md). */
export type SlotHealth = v.InferOutput<typeof SlotHealthSchema>;

export type TokenRefreshMode = v.InferOutput<typeof TokenRefreshModeSchema>;

/** Where the numbers in the cache came from. */
export type DataSource = v.InferOutput<typeof DataSourceSchema>;

/** Failure classes; every failure the engine records carries one (the list: schemas/common.ts). */
export type ErrorKind = v.InferOutput<typeof ErrorKindSchema>;

export type SlotError = v.InferOutput<typeof SlotErrorSchema>;

/** One utilisation window as the cache stores it. */
export type UsageWindow = v.InferOutput<typeof UsageWindowSchema>;

export type ModelWeeklyLimit = v.InferOutput<typeof ModelWeeklyLimitSchema>;

export type ExtraUsage = v.InferOutput<typeof ExtraUsageSchema>;

/** The decoded answer of the usage endpoint (or an observation from a statusline). */
export interface UsageSnapshot {
  five_hour: UsageWindow | null;
  seven_day: UsageWindow | null;
  weekly_by_model: ModelWeeklyLimit[];
  extra_usage: ExtraUsage | null;
}

/** The id the broker gives the default account it discovers when there is no registry. */
export const DEFAULT_SLOT_ID = 'default';

/**
 * A slot as configured in `claude-sessions.yaml` (schemas/registry.ts). `enabled` is false when a person
 * disabled the slot (`enabled: false`). `default` marks the account Claude Code uses with CLAUDE_CONFIG_DIR
 * unset (`default: true`): its keychain item is the un-suffixed one and its `.claude.json` is
 * `~/.claude.json`. Any other slot's config_dir is used exactly as exported — `CLAUDE_CONFIG_DIR=$HOME/.claude`
 * is a different keychain item.
 */
export type SlotConfig = v.InferOutput<typeof SlotConfigSchema>;

/** `settings:` of the registry with every default applied (schemas/registry.ts documents each key). */
export type BrokerSettings = v.InferOutput<typeof BrokerSettingsSchema>;

export { DEFAULT_SETTINGS, DEFAULT_STALE_THRESHOLD_S } from './settings-defaults';

export type Registry = v.InferOutput<typeof RegistrySchema>;

/** The part of Claude Code's stored credentials the broker reads (schemas/credentials.ts). Never logged. */
export type OAuthTokens = v.InferOutput<typeof OAuthTokensSchema>;

/** One slot's entry in the cache file (schemas/cache.ts). Field names are a contract. */
export type CacheSlot = v.InferOutput<typeof CacheSlotSchema>;

/** `merged-quota-cache.json` as every reader sees it (schemas/cache.ts). */
export type CacheFile = v.InferOutput<typeof CacheFileSchema>;

export const CACHE_VERSION = 1 as const;

/** `writer.app` in every cache the broker writes; a cache without it was written by another program. */
export const CACHE_WRITER_APP = 'quota-broker';

/** One point of a slot's utilisation history (history.jsonl; schemas/history.ts). */
export type HistoryPoint = v.InferOutput<typeof HistoryPointSchema>;

/** The end of the broker's log, as the log panel shows it (adapters/log-tail.ts reads it). */
export interface LogTail {
  /** The log file. */
  path: string;
  /** False when the broker has not written a log yet. */
  exists: boolean;
  /** The last lines, oldest first, redacted. */
  lines: string[];
  /** True when older lines exist than those shown. */
  truncated: boolean;
}
