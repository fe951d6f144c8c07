// The runner's side effects on the machine: one apt-get run for missing system packages (as root,
// on Debian/Ubuntu), and the prerequisites provided inside the checkout. Output goes to a log file;
// the terminal gets one line per action, and the log's tail when something fails.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
export const PROVISION_LOG = join(ROOT, 'node_modules', '.cache', 'quota-broker', 'test-prerequisites.log');

function log(text) {
  mkdirSync(join(PROVISION_LOG, '..'), { recursive: true });
  appendFileSync(PROVISION_LOG, text);
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** `apt-get update` + `apt-get install -y` (with recommends, as developers' machines have them). */
export function installAptPackages(packages) {
  if (packages.length === 0) return { ok: true };
  console.log(`Installing system packages for the test suites (apt-get, once): ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
    log(`\n$ apt-get ${args.join(' ')}\n${output}`);
    if (r.status !== 0) {
      console.error(
        `apt-get ${args[0]} failed (exit ${r.status ?? r.signal}); see ${PROVISION_LOG}:\n${tail(output)}`,
      );
      return { ok: false };
    }
  }
  return { ok: true };
}

/** Provides one in-checkout prerequisite (a rebuild, a cached download), saying so in one line. */
export function provideLocal(prerequisite) {
  console.log(`Test prerequisite: ${prerequisite.local.say}`);
  const r = prerequisite.local.provide();
  log(`\n$ ${prerequisite.local.command}\n${r.output}`);
  if (!r.ok) console.error(`${prerequisite.local.command} failed; see ${PROVISION_LOG}:\n${tail(r.output)}`);
  return r.ok;
}
