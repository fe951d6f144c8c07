// `npm run bench`: every benchmark side by side (docs/BENCHMARKS.md) in one run, printed as JSON and as the
// Markdown tables of docs/BENCHMARKS.md. Plain node ESM: the TypeScript it needs (fake server, engine)
// is bundled on the fly with esbuild. Flags: --idle-seconds N (daemon and serve idle, default 120),
// --statusline-runs N (default 30), --skip-dashboard (also no Chromium in serve_http), --only a,b (run only
// these sections: statusline, statusline_installed, cycle, refresh_command, responsiveness, calls_per_hour,
// daemon, serve_http, serve, dashboard), --repo DIR (the daemon and serve rows run DIR's bin: a "before"
// build), --serve-clients N (default 50),
// --out FILE (also write the JSON there).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { benchDaemonIdle } from './daemon-idle.mjs';
import { benchRefreshCommand } from './refresh-command.mjs';
import { benchResponsiveness } from './responsiveness.mjs';
import { benchServe } from './serve.mjs';
import { benchServeIdle } from './serve-idle.mjs';
import { benchStatuslineInstalled } from './statusline-installed.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const IDLE_S = Number(flag('--idle-seconds', '120'));
const SETTLE_S = Number(flag('--settle-seconds', '20'));
const STATUSLINE_RUNS = Number(flag('--statusline-runs', '30'));
// Whose bin the daemon and serve rows run (a "before" checkout with its own `dist/`); the yardsticks and
// the fake stay this checkout's.
const PROCESS_REPO = flag('--repo', REPO);
const SERVE_CLIENTS = Number(flag('--serve-clients', '50'));
const HOUR = 3_600_000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function loadHarness(dir) {
  const outfile = join(dir, 'harness.mjs');
  await build({
    entryPoints: [join(REPO, 'scripts/bench/harness.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    define: { __APP_VERSION__: '"bench"' },
    external: ['keytar', 'electron', 'electron-log', 'proper-lockfile', 'yaml'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return import(pathToFileURL(outfile).href);
}

const slotsOf = (n, tag) =>
  Array.from({ length: n }, (_, i) => ({ id: `slot-${i + 1}`, email: `${tag}-${i + 1}@example.com` }));

/** Statusline wall time vs a bare `node -e ''`, alternated so both see the same machine state. */
async function benchStatusline(h) {
  const entry = join(REPO, 'dist', 'statusline.cjs');
  if (!existsSync(entry)) return { missing: 'dist/statusline.cjs (run node scripts/build.mjs)' };
  const fake = await h.createFakeAnthropic();
  const slots = slotsOf(3, 'sl');
  const home = h.createTempHome({ fake, slots });
  try {
    const { deps } = h.createTestDeps(home);
    // What a user sees: windows that reset ahead (so the line is coloured) and two hours of readings
    // every 30 minutes (so the cache holds a projected pace), the last one now.
    const now = Date.now();
    const clock = h.createTestClock(now - 2 * HOUR);
    for (let i = 0; i < 5; i++) {
      for (const s of slots) {
        const usage = h.defaultUsage();
        usage.five_hour = { utilization: 10 + 12 * i, resets_at: new Date(now + 2.5 * HOUR).toISOString() };
        usage.seven_day = { utilization: 40 + i, resets_at: new Date(now + 27.5 * HOUR).toISOString() };
        fake.setUsage(s.email, usage);
      }
      await h.runCycle(deps, clock.now);
      if (i < 4) clock.jump(30 * 60_000);
    }
    const stdin = readFileSync(join(REPO, 'test/fixtures/statusline-stdin.json'), 'utf8');
    const measure = (env, args = []) => {
      const time = (argv, input) => {
        const t = process.hrtime.bigint();
        const r = spawnSync(process.execPath, argv, { env, input, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
        return { ms: Number(process.hrtime.bigint() - t) / 1e6, out: r.stdout };
      };
      const bare = [];
      const line = [];
      let sample = '';
      for (let i = 0; i < STATUSLINE_RUNS + 3; i++) {
        const b = time(['-e', ''], '');
        // What Claude Code runs: the installed command, bin/quota-broker.cjs statusline.
        const s = time([join(REPO, 'bin', 'quota-broker.cjs'), 'statusline', ...args], stdin);
        if (i < 3) continue; // warm-up
        bare.push(b.ms);
        line.push(s.ms);
        sample = s.out.trim();
      }
      return {
        bare_node_median_ms: round(median(bare), 1),
        statusline_median_ms: round(median(line), 1),
        ratio: round(median(line) / median(bare)),
        sample_output_chars: sample.length,
        sample_output: sample,
      };
    };
    const testEnv = home.env({ CLAUDE_CONFIG_DIR: home.dirOf('slot-1') });
    // Colours on, as in a Claude Code session (the test homes and `npm test` set NO_COLOR).
    const coloured = (env) => {
      const out = { ...env };
      delete out.NO_COLOR;
      return out;
    };
    // "inherited": this machine's own environment, as Claude Code passes it on (here it sets
    // NODE_EXTRA_CA_CERTS, which makes every node start load the CA bundle: bare node ≈ 50 ms).
    // "minimal": only PATH/HOME and the test's variables — the harshest ratio, bare node ≈ 18 ms.
    return {
      runs: STATUSLINE_RUNS,
      inherited: measure(coloured({ ...process.env, ...testEnv })),
      minimal: measure(coloured(testEnv)),
      // The form inside ccstatusline / claude-powerline: its default format includes the pace token.
      segment_minimal: measure(coloured(testEnv), ['--segment']),
      goal: '≤ 1.15×',
    };
  } finally {
    home.cleanup();
    await fake.close();
  }
}

/** A refresh cycle at 1/5/20/50 slots with 200 ms API latency, as a ratio to one usage call. */
async function benchCycle(h) {
  const LATENCY = 200;
  const rows = [];
  const fake = await h.createFakeAnthropic({ latencyMs: LATENCY, usageBudgetPerHour: 1e6 });
  try {
    const one = h.createTempHome({ fake, slots: slotsOf(1, 'one') });
    const token = one.readCredentials('slot-1').claudeAiOauth.accessToken;
    const single = [];
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      const r = await h.fetchUsage({
        apiBase: fake.url,
        accessToken: token,
        userAgent: h.claudeCodeUserAgent(),
        timeoutMs: 10_000,
      });
      if (!r.ok) throw new Error(r.message);
      if (i > 0) single.push(performance.now() - t);
    }
    one.cleanup();
    const oneCall = median(single);
    for (const n of [1, 5, 20, 50]) {
      const home = h.createTempHome({ fake, slots: slotsOf(n, `c${n}`) });
      const clock = h.createTestClock();
      const { deps } = h.createTestDeps(home);
      const times = [];
      for (let i = 0; i < 4; i++) {
        clock.jump(HOUR); // every slot due again
        const t = performance.now();
        const r = await h.runCycle(deps, clock.now);
        times.push(performance.now() - t);
        const ok = Object.values(r.cache.slots).filter((s) => s.health === 'ok').length;
        if (ok !== n) throw new Error(`cycle with ${n} slots: only ${ok} ok`);
      }
      home.cleanup();
      const cycle = median(times.slice(1));
      rows.push({ slots: n, cycle_median_ms: Math.round(cycle), ratio_to_one_call: round(cycle / oneCall) });
    }
    return {
      api_latency_ms: LATENCY,
      one_call_median_ms: Math.round(oneCall),
      rows,
      goal: '≤ 2× at 20 slots',
    };
  } finally {
    await fake.close();
  }
}

/** Usage calls per slot per simulated hour (cycles every 10 s): default schedule, after a 429, statusline-fed. */
async function benchCallsPerHour(h) {
  const scenario = async (name, setup) => {
    const fake = await h.createFakeAnthropic({ usageBudgetPerHour: 1e6 });
    const slots = slotsOf(3, name);
    const home = h.createTempHome({ fake, slots });
    try {
      const clock = h.createTestClock();
      const { deps } = h.createTestDeps(home);
      await setup?.({ fake, clock, deps, home });
      fake.resetStats();
      for (let t = 0; t < HOUR; t += 10_000) {
        if (name === 'statusline') {
          for (const s of slots)
            h.writeObservation(
              deps.paths,
              s.id,
              {
                version: 1,
                slot: s.id,
                config_dir: home.dirOf(s.id),
                observed_at: clock.now(),
                session_id: 'bench',
                five_hour: { utilization: 10, resets_at: null },
                seven_day: { utilization: 20, resets_at: null },
              },
              deps.fs,
            );
        }
        await h.runCycle(deps, clock.now);
        clock.jump(10_000);
      }
      const calls = slots.map((s) => fake.stats.usageCalls[s.email] ?? 0);
      return { calls_per_slot: calls };
    } finally {
      home.cleanup();
      await fake.close();
    }
  };
  return {
    default_schedule: await scenario('default'),
    after_a_429: await scenario('after429', async ({ fake, clock, deps }) => {
      fake.setMode('usage', '429', { retryAfter: '0' });
      await h.runCycle(deps, clock.now);
      fake.setMode('usage', 'normal');
    }),
    statusline_fed: await scenario('statusline'),
    goal: '≤ 12 per slot per hour; 0 when statusline-fed',
  };
}

async function benchDashboardIfPresent() {
  if (args.includes('--skip-dashboard')) return { skipped: '--skip-dashboard' };
  const file = join(REPO, 'scripts/bench/dashboard.mjs');
  if (!existsSync(file)) return { missing: 'scripts/bench/dashboard.mjs' };
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod.benchDashboard !== 'function') return { missing: 'benchDashboard() export' };
  try {
    return await mod.benchDashboard();
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}

function machine() {
  const lscpu = spawnSync('lscpu', [], { encoding: 'utf8' }).stdout ?? '';
  const model = /Model name:\s+(.+)/.exec(lscpu)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    cpus: cpus().length,
    model,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

// In test/ so that the bundle's bare imports resolve from node_modules and the fake finds test/fixtures.
const dir = mkdtempSync(join(REPO, 'test', '.bench-'));
try {
  const h = await loadHarness(dir);
  const result = { when: new Date().toISOString(), machine: machine() };
  const only = flag('--only', null)?.split(',');
  const sections = [
    ['statusline', 'statusline…', () => benchStatusline(h)],
    [
      'statusline_installed',
      'statusline via the installed command…',
      () => benchStatuslineInstalled(h, REPO, { runs: STATUSLINE_RUNS }),
    ],
    ['cycle', 'refresh cycle…', () => benchCycle(h)],
    ['refresh_command', 'refresh command as a process…', () => benchRefreshCommand(h, REPO)],
    ['responsiveness', 'responsiveness (timeouts, doctor)…', () => benchResponsiveness(h, REPO)],
    ['calls_per_hour', 'usage calls per hour…', () => benchCallsPerHour(h)],
    [
      'daemon',
      `daemon idle ${IDLE_S} s beside bare node…`,
      () =>
        benchDaemonIdle(h, { repo: PROCESS_REPO, idleS: IDLE_S, settleS: SETTLE_S, slots: slotsOf(3, 'dm') }),
    ],
    [
      'serve_http',
      `serve: first bytes, first render, push latency to ${SERVE_CLIENTS} streams…`,
      () =>
        benchServe(h, {
          repo: PROCESS_REPO,
          dir,
          slots: slotsOf(10, 'sh'),
          clients: SERVE_CLIENTS,
          skipBrowser: args.includes('--skip-dashboard'),
        }),
    ],
    [
      'serve',
      `serve idle ${IDLE_S} s, one dashboard open…`,
      () =>
        benchServeIdle(h, { repo: PROCESS_REPO, idleS: IDLE_S, settleS: SETTLE_S, slots: slotsOf(3, 'sv') }),
    ],
    ['dashboard', 'dashboard…', () => benchDashboardIfPresent()],
  ];
  for (const [name, label, run] of sections) {
    if (only && !only.includes(name)) continue;
    console.error(label);
    result[name] = await run();
  }
  const json = JSON.stringify(result, null, 2);
  console.log(json);
  const out = flag('--out', null);
  if (out) writeFileSync(out, `${json}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
