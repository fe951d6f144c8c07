import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The host names the real Claude Code CLI talks to (observed with 2.1.332, plus likely ones). */
export const ANTHROPIC_HOSTS = [
  'platform.claude.com',
  'api.anthropic.com',
  'claude.ai',
  'console.anthropic.com',
  'statsig.anthropic.com',
] as const;

export interface TestCerts {
  /** Path of the throwaway CA certificate: NODE_EXTRA_CA_CERTS for the CLI. */
  caPath: string;
  /** PEM key and certificate for the fake server (SAN: every name in `hosts`). */
  key: string;
  cert: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed (is the openssl CLI installed?): ${stderr || String(err)}`);
  }
}

/**
 * Makes a throwaway CA and a server certificate signed by it for `hosts`, with the `openssl` CLI,
 * into `dir` (EC P-256, valid 2 days). Nothing is installed anywhere: the CLI trusts the CA only
 * through NODE_EXTRA_CA_CERTS.
 */
export function makeTestCerts(dir: string, hosts: readonly string[] = ANTHROPIC_HOSTS): TestCerts {
  const ext = join(dir, 'server-ext.cnf');
  writeFileSync(
    ext,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
      '',
    ].join('\n'),
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=quota-broker test CA',
    ].concat([
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]),
    dir,
  );
  openssl(
    ['req', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${hosts[0]}`],
    dir,
  );
  openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial'].concat([
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      ext,
    ]),
    dir,
  );
  return {
    caPath: join(dir, 'ca.pem'),
    key: readFileSync(join(dir, 'server.key'), 'utf8'),
    cert: readFileSync(join(dir, 'server.pem'), 'utf8'),
  };
}
