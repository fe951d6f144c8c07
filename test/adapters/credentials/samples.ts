/** Credentials JSON samples in Claude Code's format, with short fake tokens. */
export const ACCESS_1 = 'sk-ant-oat01-test-access1';
export const REFRESH_1 = 'sk-ant-ort01-test-refresh1';
export const ACCESS_2 = 'sk-ant-oat01-test-access2';
export const REFRESH_2 = 'sk-ant-ort01-test-refresh2';
export const EXPIRES_1 = 1_900_000_000_000;
export const EXPIRES_2 = 1_900_028_800_000;

/** A logged-in file with siblings the broker does not own, at the top level and inside claudeAiOauth. */
export function loggedInDoc(): Record<string, unknown> {
  return {
    claudeAiOauth: {
      accessToken: ACCESS_1,
      refreshToken: REFRESH_1,
      expiresAt: EXPIRES_1,
      scopes: ['user:inference', 'user:profile'],
      subscriptionType: 'max',
      rateLimitTier: 'default_claude_max_20x',
      futureField: { nested: [1, 2, 3] },
    },
    mcpOAuth: { 'server|abc': { serverName: 'server', accessToken: 'mcp-test-token', expiresAt: 1 } },
    organizationUuid: '00000000-0000-4000-8000-000000000000',
    somethingNew: true,
  };
}

/** What Claude Code leaves after `invalid_grant`: tokens emptied, siblings kept. */
export function stubDoc(): Record<string, unknown> {
  return {
    claudeAiOauth: { accessToken: '', refreshToken: '', expiresAt: 0, scopes: [] },
    mcpOAuth: {},
  };
}

export const NEW_TOKENS = { accessToken: ACCESS_2, refreshToken: REFRESH_2, expiresAt: EXPIRES_2 };
