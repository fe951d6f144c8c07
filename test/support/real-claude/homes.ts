import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Scopes Claude Code 2.1.332 asks for (it sends these on refresh, whatever is stored). */
export const CLAUDE_SCOPES = [
  'user:profile',
  'user:inference',
  'user:sessions:claude_code',
  'user:mcp_servers',
  'user:file_upload',
  'user:plugins',
];

/** The `claudeAiOauth` object of Claude Code's credential JSON (docs/claude-code.md "Where the tokens are"). */
export interface ClaudeAiOauth {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  refreshTokenExpiresAt?: number;
  scopes?: string[];
  subscriptionType?: string;
  rateLimitTier?: string;
  [key: string]: unknown;
}

/** Filled in when a written login lacks them (a Max subscriber, as the TUI then shows `Claude Max`). */
const LOGIN_DEFAULTS = {
  scopes: CLAUDE_SCOPES,
  subscriptionType: 'max',
  rateLimitTier: 'default_claude_max_20x',
};

/** The logged-out stub Claude Code writes after `invalid_grant`. */
export const STUB_LOGIN: ClaudeAiOauth = { accessToken: '', refreshToken: '', expiresAt: 0 };

/** A throwaway HOME for the real CLI. */
export interface ClaudeHome {
  home: string;
  /** `<home>/.claude`: the default account's config dir. */
  defaultConfigDir: string;
  cleanup(): void;
}

/** Makes an empty temp home with `<home>/.claude`. */
export function makeClaudeHome(prefix = 'qb-real-claude-'): ClaudeHome {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const defaultConfigDir = join(home, '.claude');
  mkdirSync(defaultConfigDir, { recursive: true });
  return {
    home,
    defaultConfigDir,
    cleanup: () => rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }),
  };
}

/** `.claude.json` of a config dir: `<home>/.claude.json` for the default one, else inside the dir. */
export function claudeJsonPath(home: string, configDir: string | null): string {
  return configDir === null ? join(home, '.claude.json') : join(configDir, '.claude.json');
}

/** The credential file of a config dir (Linux store). */
export function credentialsPath(home: string, configDir: string | null): string {
  return join(configDir ?? join(home, '.claude'), '.credentials.json');
}

export interface AccountFiles {
  home: string;
  /** null: the default account (`<home>/.claude`, CLAUDE_CONFIG_DIR unset). */
  configDir: string | null;
  email: string;
  /** The login; `STUB_LOGIN` for a dead one, null for no `claudeAiOauth` at all. */
  login: ClaudeAiOauth | null;
  /** Other top-level keys of the credential JSON, e.g. `{ mcpOAuth: {...} }`. */
  siblings?: Record<string, unknown>;
  /** Extra keys for `.claude.json` (merged over the defaults). */
  claudeJson?: Record<string, unknown>;
}

/**
 * Writes one account's `.credentials.json` (mode 0600) and `.claude.json` in Claude Code's format.
 * @returns the credential file's path.
 */
export function writeAccount(files: AccountFiles): string {
  const dir = files.configDir ?? join(files.home, '.claude');
  mkdirSync(dir, { recursive: true });
  const credentials = {
    ...(files.login === null ? {} : { claudeAiOauth: { ...LOGIN_DEFAULTS, ...files.login } }),
    ...files.siblings,
  };
  const path = credentialsPath(files.home, files.configDir);
  writeFileSync(path, JSON.stringify(credentials), { mode: 0o600 });
  chmodSync(path, 0o600);
  const claudeJson = {
    hasCompletedOnboarding: true,
    oauthAccount: { emailAddress: files.email, organizationName: `${files.email}'s Organization` },
    ...files.claudeJson,
  };
  writeFileSync(claudeJsonPath(files.home, files.configDir), JSON.stringify(claudeJson, null, 2));
  return path;
}

/** Reads a config dir's credential JSON back (tests compare it; never print it). */
export function readCredentials(home: string, configDir: string | null): Record<string, unknown> {
  return JSON.parse(readFileSync(credentialsPath(home, configDir), 'utf8')) as Record<string, unknown>;
}

/** The `claudeAiOauth` of a config dir's credential JSON, or null. */
export function readLogin(home: string, configDir: string | null): ClaudeAiOauth | null {
  const login = readCredentials(home, configDir).claudeAiOauth;
  return login && typeof login === 'object' ? (login as ClaudeAiOauth) : null;
}
