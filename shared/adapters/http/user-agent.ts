/** The Claude Code version whose behaviour docs/claude-code.md describes. */
export const DEFAULT_CLAUDE_CODE_VERSION = '2.1.332';

/**
 * The User-Agent the usage and profile endpoints expect (`claude-code/<version>`); without it the usage
 * endpoint answers persistent 429s. Never send it to the token endpoint (rate-limited there).
 */
export function claudeCodeUserAgent(version: string = DEFAULT_CLAUDE_CODE_VERSION): string {
  return `claude-code/${version}`;
}

/** The neutral User-Agent for the token endpoint: `quota-broker/<app version>`. */
export function brokerUserAgent(version: string = appVersion()): string {
  return `quota-broker/${version}`;
}

function appVersion(): string {
  // __APP_VERSION__ is defined by esbuild and vitest; plain `node --experimental-strip-types` lacks it.
  return typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0';
}
