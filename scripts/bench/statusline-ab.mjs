// Paired before/after of two statusline bundles: `node scripts/bench/statusline-ab.mjs OLD.cjs NEW.cjs
// [--runs N]`. Each round runs bare `node -e ''`, then every bundle, with the same stdin (the rate_limits
// fixture) and a fresh 3-slot cache in a temp state dir, so all see the same machine state; 3 warm-up
// rounds are dropped. Prints the median wall time and the median CPU time (user + system, taken in the
// child at exit: less sensitive to a busy machine than wall time) of each. Used for docs/BENCHMARKS.md
// when a change touches the statusline's per-update path (save dist/statusline.cjs before the change).
// `--old-cache`: the cache in an old home-made writer's shape (no config_dir, no writer) with a registry
// in the state dir, so the statusline takes its registry path (dist/statusline-registry.cjs, which must
// sit next to each bundle).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 60;
const oldAt = args.indexOf('--old-cache');
const OLD_CACHE = oldAt >= 0 && args.splice(oldAt, 1).length > 0;
const bundles = args;
if (bundles.length === 0) {
  console.error('usage: node scripts/bench/statusline-ab.mjs BUNDLE.cjs [BUNDLE.cjs …] [--runs N]');
  process.exit(64);
}

const home = mkdtempSync(join(tmpdir(), 'qb-statusline-ab-'));
const stateDir = join(home, 'state');
mkdirSync(stateDir, { recursive: true });
const now = Date.now();
const slot = (i) => ({
  email: `ab-${i}@example.com`,
  label: null,
  status: 'active',
  health: 'ok',
  last_fetched: now,
  last_attempt: now,
  source: 'endpoint',
  last_error: null,
  five_hour: { utilization: 37, resets_at: new Date(now + 3_600_000).toISOString() },
  seven_day: { utilization: 51, resets_at: new Date(now + 3 * 86_400_000).toISOString() },
  weekly_by_model: [{ model: 'Opus', utilization: 12, resets_at: null }],
  extra_usage: { is_enabled: false, used: null, limit: null, currency: null },
  access_expires_at: now + 3_600_000,
  login_expires_at: null,
  subscription: 'max',
  rate_limit_tier: 'default_claude_max_20x',
  requests_last_hour: 3,
  config_dir: join(home, `.claude-${i}`),
  next_attempt_at: null,
  enabled: true,
  login_seen_at: now,
});
// Fresh for an hour: no run starts a detached refresh.
const cache = {
  version: 1,
  ts: now,
  writer: { pid: 1, app: 'quota-broker', app_version: 'bench' },
  all_inactive: false,
  recommended: 'slot-1',
  stale_threshold_s: 3600,
  slots: { 'slot-1': slot(1), 'slot-2': slot(2), 'slot-3': slot(3) },
};
/** What an old home-made writer kept: ts and slots.<id>.{email,status,last_fetched,five_hour,seven_day}. */
const oldCache = {
  ts: now,
  slots: Object.fromEntries(
    Object.entries(cache.slots).map(([id, s]) => [
      id,
      {
        email: s.email,
        status: s.status,
        last_fetched: s.last_fetched,
        five_hour: s.five_hour,
        seven_day: s.seven_day,
      },
    ]),
  ),
};
writeFileSync(
  join(stateDir, 'merged-quota-cache.json'),
  JSON.stringify(OLD_CACHE ? oldCache : cache, null, 2),
);
writeFileSync(
  join(stateDir, 'claude-sessions.yaml'),
  `accounts:\n${[1, 2, 3].map((i) => `  - id: slot-${i}\n    config_dir: ${join(home, `.claude-${i}`)}\n`).join('')}`,
);
const cpuProbe = join(home, 'cpu.cjs');
writeFileSync(
  cpuProbe,
  "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(2, 'CPU ' + (u.user + u.system) / 1000 + '\\n'); });\n",
);
const stdin = readFileSync(join(REPO, 'test/fixtures/statusline-stdin-rate-limits.json'), 'utf8');
const env = {
  PATH: process.env.PATH,
  HOME: home,
  QUOTA_BROKER_HOME: stateDir,
  CLAUDE_CONFIG_DIR: join(home, '.claude-1'),
};

function run(argv, input) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', cpuProbe, ...argv], { env, input, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: Number(/CPU ([\d.]+)/.exec(r.stderr)?.[1]), line: r.stdout.trim() };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = [{ name: "bare node -e ''", argv: ['-e', ''], input: '' }].concat(
  bundles.map((b) => ({ name: b, argv: [b, 'statusline'], input: stdin })),
);
const samples = rows.map(() => ({ wall: [], cpu: [], line: '' }));
try {
  for (let i = 0; i < RUNS + 3; i++) {
    rows.forEach((row, j) => {
      const r = run(row.argv, row.input);
      if (i < 3) return;
      samples[j].wall.push(r.wall);
      samples[j].cpu.push(r.cpu);
      samples[j].line = r.line;
    });
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
const result = rows.map((row, j) => ({
  name: row.name,
  wall_median_ms: Math.round(median(samples[j].wall) * 100) / 100,
  cpu_median_ms: Math.round(median(samples[j].cpu) * 100) / 100,
  line: samples[j].line,
}));
console.log(
  JSON.stringify({ runs: RUNS, cache: OLD_CACHE ? 'old writer (registry read)' : 'broker', result }, null, 2),
);
