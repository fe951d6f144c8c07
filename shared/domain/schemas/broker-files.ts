/**
 * Two small files the broker writes for itself (docs/schemas.md): `broker.json` in the state dir (who
 * holds the broker lock) and the refresh journal `<config_dir>/.quota-broker-refresh.json` (a token
 * answer not yet stored). A file that does not match is treated as absent (broker.json) or as garbage to
 * remove (the journal): the readers never guess.
 */
import * as v from 'valibot';
import { parseJsonText, TimeSchema } from './fields';

export const BrokerSurfaceSchema = v.picklist(['daemon', 'refresh', 'app', 'serve']);

/** `broker.json`: the holder of the broker lock. */
export const BrokerInfoSchema = v.object({
  pid: v.pipe(v.number(), v.integer(), v.gtValue(0)),
  surface: BrokerSurfaceSchema,
  /** Missing in a hand-written or older file: unknown. Only `pid` and `surface` identify the holder. */
  started_at: v.optional(v.nullable(TimeSchema), null),
  /** Set while a cycle runs, so a second `refresh` can wait for it. */
  cycle_started_at: v.optional(v.nullable(TimeSchema), null),
  last_cycle_at: v.optional(v.nullable(TimeSchema), null),
});

const PositiveTimeSchema = v.pipe(TimeSchema, v.gtValue(0));
const TokenSchema = v.pipe(
  v.string(),
  v.check((t) => t.trim() !== ''),
);

/** The refresh journal: only a complete login is worth recovering (never a stub). */
export const RefreshJournalSchema = v.object({
  version: v.literal(1),
  /** Epoch ms when the answer arrived (informational: a journal without it is still recovered). */
  written_at: v.fallback(TimeSchema, 0),
  /** Fingerprint of the refresh token that was posted (spent by the answer). */
  sent_fingerprint: v.string(),
  /** The new login the token endpoint issued. */
  tokens: v.object({
    accessToken: TokenSchema,
    refreshToken: TokenSchema,
    /** Epoch ms. */
    expiresAt: PositiveTimeSchema,
    /** Epoch ms; only when the token endpoint gave `refresh_token_expires_in`. */
    refreshTokenExpiresAt: v.optional(PositiveTimeSchema),
  }),
});

/** The broker.json in `text`, or null when it is not one. */
export function parseBrokerInfo(text: string): v.InferOutput<typeof BrokerInfoSchema> | null {
  const parsed = v.safeParse(BrokerInfoSchema, parseJsonText(text));
  return parsed.success ? parsed.output : null;
}

/** The refresh journal in `text`, or null when it is not a usable one. */
export function parseRefreshJournal(text: string): v.InferOutput<typeof RefreshJournalSchema> | null {
  const parsed = v.safeParse(RefreshJournalSchema, parseJsonText(text));
  return parsed.success ? parsed.output : null;
}
