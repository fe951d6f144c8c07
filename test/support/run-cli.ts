/** Runs the built `quota-broker` CLI (bin/quota-broker.cjs) as a real child process. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';

export const REPO = join(import.meta.dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'quota-broker.cjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `quota-broker <args>`; resolves when it exits (killed after `timeoutMs`). */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Runs `quota-broker <args>` in this process (the TypeScript source, no child): for tests of what a
 * command decides and prints, at a fraction of a process start. Black-box tests of the built bundle
 * keep using {@link runCli}. `daemon`, `serve`, `relogin` and `statusline` need their own process.
 */
export async function runCliInProcess(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const { runQuotaBroker } = await import('../../shared/cli/main');
  const started = Date.now();
  const stdout = collector();
  const stderr = collector();
  const code = await runQuotaBroker(args, { env, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text(), ms: Date.now() - started };
}

function collector() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream: Object.assign(stream, { isTTY: false }), text: () => chunks.join('') };
}
