import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeAnthropic, FakeAnthropicOptions } from '../../fake-anthropic';
import { createFakeAnthropic } from '../../fake-anthropic';
import { ANTHROPIC_HOSTS, makeTestCerts } from './certs';
import { realClaudeEnv } from './claude-bin';
import { canUseNamespaces, writeHostsFile, writeNamespacedClaude } from './namespace';

/** The shared fake served as Anthropic's real host names, for the real CLI in a namespace. */
export interface FakeNet {
  fake: FakeAnthropic;
  /** Loopback address the fake listens on (port 443), mapped in the hosts file. */
  ip: string;
  hostsFile: string;
  caPath: string;
  /** Wrapper executable: the real CLI inside the namespace (pass it as `bin` to runAuthStatus). */
  claude: string;
  /** Environment for the CLI: HOME, NODE_EXTRA_CA_CERTS, optional CLAUDE_CONFIG_DIR. */
  env(home: string, configDir?: string | null, extra?: Record<string, string>): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

function randomLoopback(): string {
  const byte = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
  return `127.${byte(1, 254)}.${byte(0, 255)}.${byte(1, 254)}`;
}

/**
 * Starts the shared fake Anthropic over HTTPS on port 443 of a random loopback address (127.x.y.z,
 * so concurrent runs and other servers on 127.0.0.1:443 never collide), with a throwaway CA, and a
 * hosts file mapping Anthropic's names to it. Throws with the reason when namespaces or port 443
 * are not available.
 */
export async function startFakeNet(realBin: string, options: FakeAnthropicOptions = {}): Promise<FakeNet> {
  const reason = canUseNamespaces();
  if (reason) throw new Error(`Cannot run the real Claude Code against the fake: ${reason}`);
  const dir = mkdtempSync(join(tmpdir(), 'qb-fake-net-'));
  try {
    const certs = makeTestCerts(dir);
    let fake: FakeAnthropic | null = null;
    let ip = '';
    for (let attempt = 0; fake === null; attempt++) {
      ip = randomLoopback();
      try {
        fake = await createFakeAnthropic({
          ...options,
          tls: { key: certs.key, cert: certs.cert },
          host: ip,
          port: 443,
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EACCES') throw new Error('Binding port 443 needs root or CAP_NET_BIND_SERVICE.');
        if (code !== 'EADDRINUSE' || attempt >= 5) throw err;
      }
    }
    const hostsFile = join(dir, 'hosts');
    writeHostsFile(hostsFile, ip, ANTHROPIC_HOSTS);
    const claude = writeNamespacedClaude(join(dir, 'claude'), hostsFile, realBin);
    const started = fake;
    return {
      fake: started,
      ip,
      hostsFile,
      caPath: certs.caPath,
      claude,
      env: (home, configDir = null, extra = {}) =>
        realClaudeEnv(home, {
          NODE_EXTRA_CA_CERTS: certs.caPath,
          ...(configDir === null ? {} : { CLAUDE_CONFIG_DIR: configDir }),
          ...extra,
        }),
      close: async () => {
        await started.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
