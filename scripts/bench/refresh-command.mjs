// The `refresh` command as a user runs it: a whole `node bin/quota-broker.cjs refresh --quiet` process
// against the fake with 200 ms latency per answer, at 1/5/20/50/200 slots, beside its yardstick — a node
// process that makes one HTTP call to the same fake (node:http, as the product's clients). Rounds are
// interleaved (yardstick, then each slot count) so every row sees the same machine state.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stats } from './stats.mjs';

const LATENCY_MS = 200;
const DEFAULT_SLOT_COUNTS = [1, 5, 20, 50, 200];
const FORCED_SPACING_MS = 10_500;

/** One GET of the usage endpoint in a fresh node process: what "one API call" costs a process. */
const ONE_CALL = `
const http = require('node:http');
const req = http.get(process.argv[1], { headers: { authorization: 'Bearer ' + process.argv[2],
  'anthropic-beta': 'oauth-2025-04-20', accept: 'application/json', 'user-agent': process.argv[3] } }, (res) => {
  res.resume();
  res.on('end', () => process.exit(res.statusCode === 200 ? 0 : 1));
});
req.on('error', () => process.exit(2));`;

/**
 * @param h - the bundled test harness (fake server, temp homes).
 * @param repo - the checkout whose built bin/quota-broker.cjs is measured.
 * @param opts - runs per row (after one warm-up round), slot counts, extra environment for every process.
 */
export async function benchRefreshCommand(h, repo, opts = {}) {
  const runs = opts.runs ?? 7;
  const SLOT_COUNTS = opts.slotCounts ?? DEFAULT_SLOT_COUNTS;
  const fake = await h.createFakeAnthropic({ latencyMs: LATENCY_MS, usageBudgetPerHour: 1e9 });
  const homes = SLOT_COUNTS.map((n) =>
    h.createTempHome({
      fake,
      // The engine's own hourly budget (12 calls) would skip calls after the first rounds.
      settings: { max_calls_per_hour: 3600 },
      slots: Array.from({ length: n }, (_, i) => ({
        id: `slot-${i + 1}`,
        email: `rc${n}-${i + 1}@example.com`,
      })),
    }),
  );
  try {
    const token = homes[0].readCredentials('slot-1').claudeAiOauth.accessToken;
    const bin = join(repo, 'bin', 'quota-broker.cjs');
    // Asynchronous: the fake answers from this process's event loop.
    const time = (argv, env) =>
      new Promise((resolve, reject) => {
        spawnedAt = Date.now();
        const t = process.hrtime.bigint();
        const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.once('error', reject);
        child.once('close', (code) => {
          const ms = Number(process.hrtime.bigint() - t) / 1e6;
          if (code === 0) resolve(ms);
          else reject(new Error(`${argv.slice(0, 2).join(' ')} exited ${code}: ${stderr}`));
        });
      });
    let spawnedAt = 0;
    const baseEnv = { ...homes[0].env(), ...opts.env };
    const one = [];
    const rows = SLOT_COUNTS.map(() => []);
    // Where a run's time goes: spawn → first request reaches the fake, last answer → exit.
    const firstRequest = SLOT_COUNTS.map(() => []);
    const afterLastAnswer = SLOT_COUNTS.map(() => []);
    const lastEnd = SLOT_COUNTS.map(() => 0);
    for (let round = 0; round <= runs; round++) {
      const o = await time(
        ['-e', ONE_CALL, `${fake.url}/api/oauth/usage`, token, h.claudeCodeUserAgent()],
        baseEnv,
      );
      if (round > 0) one.push(o);
      for (const [i, n] of SLOT_COUNTS.entries()) {
        // A forced refresh skips a slot attempted within the last 10 s (FORCED_MIN_SPACING_MS).
        const wait = lastEnd[i] + FORCED_SPACING_MS - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        fake.resetStats();
        const ms = await time([bin, 'refresh', '--quiet'], { ...homes[i].env(), ...opts.env });
        lastEnd[i] = Date.now();
        const calls = Object.values(fake.stats.usageCalls).reduce((a, b) => a + b, 0);
        if (calls !== n) {
          const log = readFileSync(join(homes[i].stateDir, 'broker.log'), 'utf8').slice(-2000);
          throw new Error(`refresh with ${n} slots made ${calls} usage calls; broker.log ends:\n${log}`);
        }
        if (round > 0) {
          rows[i].push(ms);
          // The fake stamps each request after its latency: arrival = at - latency.
          const ats = fake.stats.requests.map((r) => r.at);
          firstRequest[i].push(Math.min(...ats) - LATENCY_MS - spawnedAt);
          afterLastAnswer[i].push(spawnedAt + ms - Math.max(...ats));
        }
      }
    }
    const yard = stats(one);
    return {
      api_latency_ms: LATENCY_MS,
      runs,
      one_call_process: yard,
      rows: SLOT_COUNTS.map((n, i) => {
        const s = stats(rows[i]);
        return {
          slots: n,
          ...s,
          ratio: Math.round((s.median / yard.median) * 100) / 100,
          spawn_to_first_request_median_ms: stats(firstRequest[i]).median,
          last_answer_to_exit_median_ms: stats(afterLastAnswer[i]).median,
        };
      }),
      goal: '≤ 1.5× at 20 slots',
    };
  } finally {
    for (const home of homes) home.cleanup();
    await fake.close();
  }
}
