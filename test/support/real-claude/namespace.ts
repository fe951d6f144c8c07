import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildResult } from '../../../shared/adapters/claude/run-child';
import { runChild } from '../../../shared/adapters/claude/run-child';

/**
 * Private mount namespaces: a command sees our hosts file as /etc/hosts, nobody else does.
 * `unshare --mount` makes the new namespace's mounts private (util-linux default propagation),
 * so the bind mount never reaches the machine's /etc/hosts.
 */

/** Writes an /etc/hosts replacement mapping every name to `ip` (plus localhost). */
export function writeHostsFile(path: string, ip: string, names: readonly string[]): void {
  const lines = ['127.0.0.1 localhost', '::1 localhost', ...names.map((n) => `${ip} ${n}`), ''];
  writeFileSync(path, lines.join('\n'));
}

/** The argv that runs `argv` inside a private mount namespace whose /etc/hosts is `hostsFile`. */
export function namespacedArgv(hostsFile: string, argv: readonly string[]): string[] {
  // $0 is the hosts file, "$@" the command: no quoting of paths needed. `exec` keeps one pid.
  return [
    'unshare',
    '--mount',
    'bash',
    '-c',
    'mount --bind "$0" /etc/hosts && exec "$@"',
    hostsFile,
    ...argv,
  ];
}

/**
 * Runs `argv` in the namespace without a shell around it, collecting output, killed on timeout.
 */
export function runInNamespace(
  hostsFile: string,
  argv: readonly string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string },
): Promise<ChildResult> {
  const [file, ...args] = namespacedArgv(hostsFile, argv);
  return runChild(file, args, { env: options.env, cwd: options.cwd, timeoutMs: options.timeoutMs ?? 30_000 });
}

/**
 * Writes an executable wrapper that runs `realBin` with its arguments inside the namespace, so code
 * that takes a `claude` path (runAuthStatus, startLogin) drives the real CLI against the fake.
 */
export function writeNamespacedClaude(path: string, hostsFile: string, realBin: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    path,
    `#!/bin/bash\nexec unshare --mount bash -c 'mount --bind "$0" /etc/hosts && exec "$@"' ${q(hostsFile)} ${q(realBin)} "$@"\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

/**
 * Checks that this process may create a mount namespace and bind-mount over /etc/hosts in it.
 *
 * @returns null when it works, else the reason (tests fail with it; they never skip silently).
 */
export function canUseNamespaces(): string | null {
  if (process.platform !== 'linux')
    return `private mount namespaces need Linux (this is ${process.platform})`;
  if (!['/usr/bin/unshare', '/bin/unshare'].some((p) => existsSync(p))) {
    return 'the `unshare` command (util-linux) is not installed';
  }
  const dir = mkdtempSync(join(tmpdir(), 'qb-ns-check-'));
  try {
    const marker = `127.0.0.1 qb-namespace-check-${process.pid}`;
    const hosts = join(dir, 'hosts');
    writeFileSync(hosts, `${marker}\n`);
    let seen: string;
    try {
      seen = execFileSync(
        'unshare',
        ['--mount', 'bash', '-c', 'mount --bind "$0" /etc/hosts && cat /etc/hosts', hosts],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 10_000,
        },
      );
    } catch (err) {
      const stderr = (err as { stderr?: string }).stderr ?? String(err);
      return `unshare --mount / mount --bind is not permitted here (needs root or CAP_SYS_ADMIN): ${stderr.trim()}`;
    }
    if (!seen.includes(marker)) return 'the bind-mounted hosts file was not visible inside the namespace';
    if (readFileSync('/etc/hosts', 'utf8').includes(marker)) {
      return 'DANGER: the bind mount leaked to the machine /etc/hosts (mount propagation is shared)';
    }
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
