/**
 * Who a config dir is logged in as, from Claude Code's own files: `<config_dir>/.claude.json`
 * (`~/.claude.json` for the default dir) → `oauthAccount.emailAddress` (interop doc "Accounts and config dirs").
 */
import { join } from 'node:path';
import type { CredentialTarget } from '../ports/credential-store';
import { readTextIfExists } from './fs/atomic-write';

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
    const text = await readTextIfExists(getClaudeJsonPath(target, home));
    if (!text) return none;
    const account = (JSON.parse(text) as { oauthAccount?: Record<string, unknown> }).oauthAccount ?? {};
    const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
    return {
      email: str(account.emailAddress),
      organizationName: str(account.organizationName),
      rateLimitTier: str(account.organizationRateLimitTier),
    };
  } catch {
    return none;
  }
}
