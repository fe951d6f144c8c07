/**
 * Torn reads (issue #8): a reader parsing the cache (and Claude Code's credentials file) in a tight loop,
 * in its own process, while cycles refresh tokens and rewrite both: zero failed parses, zero moments
 * where a file is missing.
 */
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { runCycle } from '../../shared/engine/cycle';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createTestClock, createTestDeps } from '../support/engine-deps';
import { createSecretCollector } from '../support/secret-scan';
import { createTempHome, type TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';
import { writeReport } from './support/report';

/** Cycles while the reader reads: a fixed number, not a time box (a busy machine does fewer per second). */
const CYCLES = 40;
/** Reads per burst: the reader always finishes its first burst, so it reads at least this often per file. */
const BURST = 200;
/**
 * Says "ready", then reads files until the parent closes stdin and prints counts. Sync calls: as tight
 * as a loop gets.
 */
const READER = `
const fs = require('node:fs');
const files = JSON.parse(process.argv[1]);
const r = { reads: 0, parseFailures: 0, missing: 0 };
let stop = false;
process.stdin.on('end', () => { stop = true; }); process.stdin.resume();
function burst() {
  for (let i = 0; i < ${BURST}; i++) for (const f of files) {
    let text;
    try { text = fs.readFileSync(f, 'utf8'); } catch (e) { if (e.code === 'ENOENT') r.missing++; continue; }
    r.reads++;
    try { JSON.parse(text); } catch { r.parseFailures++; }
  }
  if (stop) process.stdout.write(JSON.stringify(r)); else setImmediate(burst);
}
process.stdout.write('ready\\n');
burst();`;

const secrets = createSecretCollector();
let fake: FakeAnthropic;
let home: TempHome;
const SLOTS = [1, 2, 3].map((i) => ({ id: `slot-${i}`, email: `torn-${i}@example.com` }));

beforeEach(async () => {
  fake = await createFakeAnthropic({ usageBudgetPerHour: 1_000_000 });
  home = createTempHome({ fake, slots: SLOTS, settings: { token_refresh: 'locked' } });
});
afterEach(async () => {
  secrets.addTokens(fake.issuedTokens());
  secrets.scanDirs([home.stateDir]);
  home.cleanup();
  await fake.close();
});
afterAll(() => expect(secrets.finish().findings).toEqual([]));

it(`a reader in a tight loop during ${CYCLES} cycles that each refresh 3 tokens and rewrite the cache: zero failed parses, zero missing-file moments`, async () => {
  const clock = createTestClock();
  const { deps, logs } = createTestDeps(home);
  await runCycle(deps, clock.now); // the cache exists before the reader starts
  const files = [home.cache, ...SLOTS.map((s) => home.credentialsPath(s.id))];
  const reader = spawn(process.execPath, ['-e', READER, JSON.stringify(files)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  reader.stdout.on('data', (d) => (out += d));
  const exited = new Promise((r) => reader.on('close', r));
  await waitUntil(() => out.startsWith('ready\n'), 'the reader to start', { timeoutMs: 30_000 });
  let cycles = 0;
  for (; cycles < CYCLES; cycles++) {
    clock.jump(9 * 3_600_000); // every access token expired, every slot due: a refresh and a cache write each
    const { writeError } = await runCycle(deps, clock.now);
    expect(writeError).toBeNull();
  }
  reader.stdin.end();
  await exited;
  const counts = JSON.parse(out.slice('ready\n'.length)) as {
    reads: number;
    parseFailures: number;
    missing: number;
  };
  secrets.addText('engine log', JSON.stringify(logs));
  writeReport('torn-reads', { cycles, tokenRefreshes: cycles * SLOTS.length, ...counts });
  // Every cycle refreshed all three tokens, and the reader was reading the whole time.
  expect(fake.stats.requests.filter((r) => r.route === 'token' && r.status === 200)).toHaveLength(
    CYCLES * SLOTS.length,
  );
  expect(counts.reads).toBeGreaterThanOrEqual(BURST * files.length);
  expect(counts).toMatchObject({ parseFailures: 0, missing: 0 });
  expect(fake.stats.refreshReuse).toBe(0);
});
