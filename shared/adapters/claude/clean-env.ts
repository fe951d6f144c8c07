/**
 * The environment handed to every `claude` child (docs/claude-code.md "Logging in", docs/contracts.md "Token refresh modes" and docs/contracts.md "Re-login").
 * Variables that would override the stored login of the chosen config dir are removed; everything
 * else (PATH, HOME, proxies, NODE_EXTRA_CA_CERTS, locale, …) is kept as is.
 */

/** Variables that make `claude` ignore the config dir's stored login, or read another store. */
export const CLAUDE_OVERRIDE_VARS = [
  'CLAUDE_CODE_OAUTH_TOKEN',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'CLAUDE_SECURESTORAGE_CONFIG_DIR',
] as const;

/**
 * Builds the environment for a `claude` child process.
 *
 * @param base - the environment to start from (usually `process.env`); it is not modified.
 * @param configDir - the slot's config dir, exported as `CLAUDE_CONFIG_DIR` exactly as given;
 *   `null` means the default account (`~/.claude`), so `CLAUDE_CONFIG_DIR` is removed.
 * @returns a fresh object without the override variables and without undefined values.
 */
export function claudeChildEnv(base: NodeJS.ProcessEnv, configDir: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined) env[key] = value;
  }
  for (const key of CLAUDE_OVERRIDE_VARS) delete env[key];
  if (configDir === null) delete env.CLAUDE_CONFIG_DIR;
  else env.CLAUDE_CONFIG_DIR = configDir;
  return env;
}
