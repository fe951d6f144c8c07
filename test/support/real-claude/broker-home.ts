/**
 * A temp home for the broker next to the REAL Claude Code CLI: slots logged in at the HTTPS fake with
 * expired (or live) access tokens, a registry, and a `broker(args)` that runs `quota-broker` inside the same
 * private mount namespace — so the broker uses the production URLs, only /etc/hosts and the CA differ.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheFile } from '../../../shared/domain/types';
import { BIN } from '../run-cli';
import type { FakeNet } from './fake-net';
import { type ClaudeHome, makeClaudeHome, writeAccount } from './homes';
import { runInNamespace } from './namespace';

export type BrokerMode = 'delegate' | 'locked' | 'never';

export interface BrokerHome {
  home: ClaudeHome;
  stateDir: string;
  /** One config dir per email: `<home>/.claude-1`, `.claude-2`, … (slot-1, slot-2, …). */
  dirs: string[];
  broker(args: string[]): ReturnType<typeof runInNamespace>;
  cache(): CacheFile;
  /** As if the last cycle ran ten minutes ago: the brokers may call again. */
  ageCache(): void;
}

export function makeBrokerHome(
  net: FakeNet,
  realBin: string,
  mode: BrokerMode,
  emails: string[],
  opts: { expired?: boolean; settings?: string[] } = {},
): BrokerHome {
  const home = makeClaudeHome();
  const stateDir = join(home.home, '.claude', 'session-health');
  const dirs = emails.map((_, i) => join(home.home, `.claude-${i + 1}`));
  emails.forEach((email, i) => {
    const expiresAt = opts.expired === false ? Date.now() + 3600_000 : Date.now() - 60_000;
    const pair = net.fake.addAccount({ email, accessExpiresAt: expiresAt });
    writeAccount({
      home: home.home,
      configDir: dirs[i],
      email,
      login: { ...pair, expiresAt },
      siblings: { mcpOAuth: { s: { accessToken: 'mcp-test' } } },
    });
  });
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const yaml = [
    'accounts:',
    ...dirs.flatMap((d, i) => [`  - id: slot-${i + 1}`, `    config_dir: ${d}`, '    status: active']),
    'settings:',
    `  token_refresh: ${mode}`,
    ...(opts.settings ?? []).map((line) => `  ${line}`),
    '',
  ].join('\n');
  writeFileSync(join(stateDir, 'claude-sessions.yaml'), yaml);
  const env = {
    ...net.env(home.home),
    QUOTA_BROKER_HOME: stateDir,
    QUOTA_BROKER_CREDENTIALS: 'file',
    QUOTA_BROKER_CLAUDE: realBin,
    USER: 'tester',
  };
  const cachePath = join(stateDir, 'merged-quota-cache.json');
  return {
    home,
    stateDir,
    dirs,
    broker: (args) =>
      runInNamespace(net.hostsFile, [process.execPath, BIN, ...args], { env, timeoutMs: 90_000 }),
    cache: () => JSON.parse(readFileSync(cachePath, 'utf8')) as CacheFile,
    ageCache: () => {
      try {
        const c = JSON.parse(readFileSync(cachePath, 'utf8')) as CacheFile;
        for (const s of Object.values(c.slots)) s.last_attempt = (s.last_attempt ?? 0) - 600_000;
        writeFileSync(cachePath, JSON.stringify(c));
      } catch {
        // no cache yet
      }
    },
  };
}
