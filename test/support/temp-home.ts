/**
 * Temp homes for black-box tests: a HOME with Claude Code config dirs (credentials file + .claude.json),
 * a state dir, and optionally a registry. Everything real: files, modes, the built CLI.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeAnthropic } from '../fake-anthropic';

export interface TempSlot {
  id: string;
  email: string;
  /** Config dir name under HOME; `.claude` makes it the default account. */
  dirName?: string;
  /** Access token expiry (epoch ms); default far in the future. */
  accessExpiresAt?: number;
  /** Write no credentials at all. */
  noCredentials?: boolean;
  label?: string;
}

export interface TempHome {
  home: string;
  stateDir: string;
  registry: string;
  cache: string;
  dirOf(id: string): string;
  credentialsPath(id: string): string;
  readCredentials(id: string): Record<string, unknown> & { claudeAiOauth: Record<string, unknown> };
  writeCredentials(
    id: string,
    tokens: { accessToken: string; refreshToken: string; expiresAt: number },
  ): void;
  readCache(): import('../../shared/domain/types').CacheFile;
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Moves the cache's per-slot times back by `ms`, as if that much time had passed since the last cycle. */
  age(ms: number): void;
  cleanup(): void;
}

export interface TempHomeOptions {
  slots: TempSlot[];
  fake: FakeAnthropic;
  /** Extra YAML under `settings:` (indented two spaces), e.g. `token_refresh: locked`. */
  settings?: Record<string, unknown>;
  /** Write no registry file (discovery). */
  noRegistry?: boolean;
  /** Registry text to write verbatim instead of the generated one. */
  registryText?: string;
}

/** Creates a temp home whose slots are logged in at the fake server (siblings included in each file). */
export function createTempHome(opts: TempHomeOptions): TempHome {
  const home = mkdtempSync(join(tmpdir(), 'qb-home-'));
  const stateDir = join(home, '.claude', 'session-health');
  const registry = join(stateDir, 'claude-sessions.yaml');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const dirs = new Map<string, string>();
  for (const s of opts.slots) {
    const dir = join(home, s.dirName ?? `.claude-${s.id}`);
    dirs.set(s.id, dir);
    mkdirSync(dir, { recursive: true });
    const isDefault = (s.dirName ?? '') === '.claude';
    const identity = {
      oauthAccount: { emailAddress: s.email, organizationName: 'Test Org' },
      hasCompletedOnboarding: true,
    };
    writeFileSync(
      isDefault ? join(home, '.claude.json') : join(dir, '.claude.json'),
      JSON.stringify(identity),
    );
    if (s.noCredentials) continue;
    const pair = opts.fake.addAccount({ email: s.email, accessExpiresAt: s.accessExpiresAt });
    writeCreds(join(dir, '.credentials.json'), {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresAt: s.accessExpiresAt ?? Date.now() + 8 * 3600_000,
    });
  }
  if (!opts.noRegistry) {
    const text =
      opts.registryText ??
      [
        '# Test registry — this comment must survive broker writes',
        'accounts:',
        ...opts.slots.flatMap((s) => [
          `  - id: ${s.id}  # slot ${s.id}`,
          `    config_dir: ${dirs.get(s.id)}`,
          '    status: active',
          ...((s.dirName ?? '') === '.claude' ? ['    default: true'] : []),
          ...(s.label ? [`    label: ${s.label}`] : []),
        ]),
        'settings:',
        '  refresh_interval_s: 300',
        ...Object.entries(opts.settings ?? {}).map(
          ([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
        ),
        '',
      ].join('\n');
    writeFileSync(registry, text, { mode: 0o600 });
  }
  const credentialsPath = (id: string) => join(dirs.get(id) ?? '', '.credentials.json');
  return {
    home,
    stateDir,
    registry,
    cache: join(stateDir, 'merged-quota-cache.json'),
    dirOf: (id) => dirs.get(id) ?? '',
    credentialsPath,
    readCredentials: (id) => JSON.parse(readFileSync(credentialsPath(id), 'utf8')),
    writeCredentials: (id, tokens) => writeCreds(credentialsPath(id), tokens),
    readCache: () => JSON.parse(readFileSync(join(stateDir, 'merged-quota-cache.json'), 'utf8')),
    env: (extra = {}) => ({
      PATH: process.env.PATH,
      HOME: home,
      USER: 'tester',
      QUOTA_BROKER_HOME: stateDir,
      QUOTA_BROKER_API_URL: opts.fake.url,
      QUOTA_BROKER_TOKEN_URL: opts.fake.tokenUrl,
      QUOTA_BROKER_CREDENTIALS: 'file',
      // No claude CLI unless a test provides one: `auto` resolves to the locked mode.
      QUOTA_BROKER_CLAUDE: join(home, 'no-claude-here'),
      NO_COLOR: '1',
      ...extra,
    }),
    age: (ms) => {
      const file = join(stateDir, 'merged-quota-cache.json');
      const cache = JSON.parse(readFileSync(file, 'utf8'));
      cache.ts -= ms;
      for (const s of Object.values(cache.slots) as Record<string, number | null>[]) {
        for (const k of ['last_fetched', 'last_attempt'] as const) if (typeof s[k] === 'number') s[k] -= ms;
      }
      writeFileSync(file, JSON.stringify(cache));
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** Claude Code's credential format, with siblings a broker must keep. */
function writeCreds(path: string, t: { accessToken: string; refreshToken: string; expiresAt: number }) {
  const doc = {
    claudeAiOauth: {
      accessToken: t.accessToken,
      refreshToken: t.refreshToken,
      expiresAt: t.expiresAt,
      scopes: ['user:inference', 'user:profile', 'user:sessions:claude_code'],
      subscriptionType: 'max',
      rateLimitTier: 'default_claude_max_20x',
      futureField: { keep: true },
    },
    mcpOAuth: { 'server-a': { accessToken: 'mcp-test-token-a' } },
    organizationUuid: 'org-test-1',
  };
  writeFileSync(path, JSON.stringify(doc, null, 2), { mode: 0o600 });
}
