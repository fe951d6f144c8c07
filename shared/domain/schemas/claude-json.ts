/**
 * Claude Code's own files the broker reads but never writes (docs/schemas.md): `.claude.json` (who a
 * config dir is logged in as) and the JSON `claude auth status` prints. Both are read tolerantly: they
 * belong to another program and change between its versions.
 */
import * as v from 'valibot';
import { JsonObjectSchema, orNull } from './fields';

const TextSchema = v.pipe(v.string(), v.minLength(1));

/** `<config_dir>/.claude.json` (`~/.claude.json` for the default dir): only `oauthAccount` is read. */
export const ClaudeJsonSchema = v.object({
  oauthAccount: v.fallback(
    v.pipe(
      JsonObjectSchema,
      v.object({
        emailAddress: orNull(TextSchema),
        organizationName: orNull(TextSchema),
        /** Newer versions only. */
        organizationRateLimitTier: orNull(TextSchema),
      }),
    ),
    { emailAddress: null, organizationName: null, organizationRateLimitTier: null },
  ),
});

/** What `claude auth status` prints as JSON (`loggedIn`, `email`, `authMethod`, …). */
export const AuthStatusSchema = v.object({
  loggedIn: orNull(v.boolean()),
  email: orNull(TextSchema),
  authMethod: orNull(v.string()),
});

/** The account of a parsed `.claude.json`; every field null when it says nothing usable. */
export function parseClaudeJson(
  value: unknown,
): v.InferOutput<typeof ClaudeJsonSchema>['oauthAccount'] | null {
  const parsed = v.safeParse(ClaudeJsonSchema, value);
  return parsed.success ? parsed.output.oauthAccount : null;
}

/** The fields of a parsed `claude auth status` JSON; null when it is not an object. */
export function parseAuthStatusJson(value: unknown): v.InferOutput<typeof AuthStatusSchema> | null {
  if (!v.is(JsonObjectSchema, value) && !Array.isArray(value)) return null;
  const parsed = v.safeParse(AuthStatusSchema, value);
  return parsed.success ? parsed.output : null;
}
