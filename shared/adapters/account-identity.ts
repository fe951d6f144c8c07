/**
 * Who a config dir is logged in as, from Claude Code's own files: `<config_dir>/.claude.json`
 * (`~/.claude.json` for the default dir) → `oauthAccount.emailAddress` (docs/claude-code.md "Accounts and config dirs").
 */
import { join } from 'node:path';
import { parseClaudeJson } from '../domain/schemas/claude-json';
import type { CredentialTarget } from '../ports/credential-store';
import { readBoundedFile } from './fs/read-bounded';

/** `.claude.json` keeps every project's history and can reach tens of megabytes; past this, no identity. */
export const CLAUDE_JSON_MAX_BYTES = 64 * 1024 * 1024;
export const CLAUDE_JSON_READ_TIMEOUT_MS = 5_000;

export interface AccountIdentity {
  email: string | null;
  organizationName: string | null;
  rateLimitTier: string | null;
}

/** Path of the `.claude.json` that describes the account of `target`. */
export function getClaudeJsonPath(target: CredentialTarget, home: string): string {
  return target.isDefault ? join(home, '.claude.json') : join(target.configDir, '.claude.json');
}

/** Reads the account identity; missing or unparseable files give nulls (identity is a nicety, not a need). */
export async function readAccountIdentity(target: CredentialTarget, home: string): Promise<AccountIdentity> {
  const none = { email: null, organizationName: null, rateLimitTier: null };
  try {
    // Claude Code's file, not ours: only a regular file, bounded (it grows with project history), in time.
    const text = await readBoundedFile(getClaudeJsonPath(target, home), {
      maxBytes: CLAUDE_JSON_MAX_BYTES,
      timeoutMs: CLAUDE_JSON_READ_TIMEOUT_MS,
    });
    if (!text) return none;
    const account = parseClaudeJson(JSON.parse(text));
    if (!account) return none;
    return {
      email: account.emailAddress,
      organizationName: account.organizationName,
      rateLimitTier: account.organizationRateLimitTier,
    };
  } catch {
    return none;
  }
}
