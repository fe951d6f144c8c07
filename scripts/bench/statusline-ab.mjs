// Before/after for the statusline hot path: this checkout's `bin/quota-broker.cjs statusline` against
// another build's (`--base DIR`, a directory holding bin/ and dist/ of the build to compare with, e.g. a
// copy taken before a change), interleaved run by run with a bare `node -e ''`, so both see the same
// machine state. The cache is a fixed 3-slot one with colours and pace (what a user's line shows).
// Usage: node scripts/build.mjs --cli-only && node scripts/bench/statusline-ab.mjs --base /tmp/base [--runs 300]

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const BASE = flag('--base', null);
const RUNS = Number(flag('--runs', '300'));
const WARMUP = 5;
const H = 3_600_000;

/** A state dir with a live-broker lock (no refresh spawned) and a cache the line colours and paces. */
function makeState(root) {
  const now = Date.now();
  const slots = {};
  for (let i = 1; i <= 3; i++) {
    const five = new Date(now + 2.5 * H).toISOString();
    const week = new Date(now + 27.5 * H).toISOString();
    slots[`slot-${i}`] = {
      email: `s${i}@example.com`,
      label: null,
      status: 'active',
      health: 'ok',
      last_fetched: now,
      last_attempt: now,
      source: 'endpoint',
      last_error: null,
      five_hour: { utilization: 58, resets_at: five },
      seven_day: { utilization: 44, resets_at: week },
      weekly_by_model: [],
      extra_usage: null,
      access_expires_at: null,
      login_expires_at: null,
      subscription: 'max',
      rate_limit_tier: null,
      requests_last_hour: 1,
      config_dir: join(root, 'home', `.claude-${i}`),
      pace: {
        five_hour: {
          status: 'projected',
          at_reset: 130,
          runs_out_at: now + H,
          resets_at: five,
          rate_per_hour: 24,
          points: 5,
          from: now - 2 * H,
          to: now,
        },
        seven_day: {
          status: 'projected',
          at_reset: 60,
          runs_out_at: null,
          resets_at: week,
          rate_per_hour: 0.5,
          points: 5,
          from: now - 2 * H,
          to: now,
        },
      },
    };
  }
  const state = join(root, 'state');
  mkdirSync(join(state, 'broker.lock'), { recursive: true });
  const cache = {
    version: 1,
    ts: now,
    writer: { pid: 1, app: 'quota-broker', app_version: 'bench' },
    all_inactive: false,
    recommended: 'slot-1',
    stale_threshold_s: 600,
    statusline_color: true,
    statusline_color_thresholds: [70, 90],
    slots,
  };
  writeFileSync(join(state, 'merged-quota-cache.json'), JSON.stringify(cache, null, 2));
  return state;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const root = mkdtempSync(join(tmpdir(), 'qb-statusline-ab-'));
try {
  const state = makeState(root);
  const env = {
    PATH: process.env.PATH,
    HOME: join(root, 'home'),
    QUOTA_BROKER_HOME: state,
    CLAUDE_CONFIG_DIR: join(root, 'home', '.claude-1'),
  };
  const stdin = readFileSync(join(REPO, 'test/fixtures/statusline-stdin.json'), 'utf8');
  const variants = { bare: { argv: ['-e', ''], input: '' } };
  if (BASE) variants.base = { argv: [join(BASE, 'bin', 'quota-broker.cjs'), 'statusline'], input: stdin };
  variants.this = { argv: [join(REPO, 'bin', 'quota-broker.cjs'), 'statusline'], input: stdin };
  variants.this_segment = { argv: [...variants.this.argv, '--segment'], input: stdin };
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const sample = {};
  for (let i = 0; i < RUNS + WARMUP; i++) {
    for (const [name, v] of Object.entries(variants)) {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, v.argv, { env, input: v.input, encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
      if (i >= WARMUP) times[name].push(ms);
      sample[name] = r.stdout.trim();
    }
  }
  const bare = median(times.bare);
  const result = Object.fromEntries(
    Object.keys(variants).map((k) => [
      k,
      {
        median_ms: +median(times[k]).toFixed(1),
        over_bare_ms: +(median(times[k]) - bare).toFixed(1),
        sample: sample[k],
      },
    ]),
  );
  console.log(JSON.stringify({ runs: RUNS, node: process.version, result }, null, 2));
} finally {
  rmSync(root, { recursive: true, force: true });
}
