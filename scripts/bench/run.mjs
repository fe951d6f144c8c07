// `npm run bench`: every benchmark side by side (docs/BENCHMARKS.md) in one run, printed as JSON and as the
// Markdown tables of docs/BENCHMARKS.md. Plain node ESM: the TypeScript it needs (fake server, engine)
// is bundled on the fly with esbuild. Flags: --idle-seconds N (daemon and serve idle, default 120),
// --statusline-runs N (default 30), --skip-dashboard, --only a,b (run only these sections: statusline,
// statusline_installed, cycle, refresh_command, responsiveness, calls_per_hour, daemon, serve, dashboard),
// --out FILE (also write the JSON there).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { clockTicksPerSecond, procStat } from './proc.mjs';
import { benchRefreshCommand } from './refresh-command.mjs';
import { benchResponsiveness } from './responsiveness.mjs';
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
const HOUR = 3_600_000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

/** The headless daemon, idle for IDLE_S seconds after its first cycle: CPU, peak RSS, bytes written. */
async function benchDaemon(h) {
  const fake = await h.createFakeAnthropic();
  const home = h.createTempHome({ fake, slots: slotsOf(3, 'dm') });
  const child = spawn(process.execPath, [join(REPO, 'bin/quota-broker.cjs'), 'daemon'], {
    env: home.env(),
    stdio: 'ignore',
  });
  try {
    const cycleEnds = () =>
      existsSync(join(home.stateDir, 'broker.log'))
        ? readFileSync(join(home.stateDir, 'broker.log'), 'utf8').split('cycle end').length - 1
        : 0;
    const t0 = Date.now();
    while (cycleEnds() < 1 && Date.now() - t0 < 30_000) await sleep(10);
    if (cycleEnds() < 1) throw new Error('the daemon ran no cycle in 30 s');
    const firstCycleMs = Date.now() - t0;
    const hz = clockTicksPerSecond();
    // Let the start-up settle (deferred alert delivery, JIT, the first GC) before measuring idle.
    const startup = procStat(child.pid);
    await sleep(SETTLE_S * 1000);
    const first = procStat(child.pid);
    const cyclesBefore = cycleEnds();
    const start = Date.now();
    await sleep(IDLE_S * 1000);
    const last = procStat(child.pid);
    const wall = (Date.now() - start) / 1000;
    const cycles = cycleEnds();
    // Bytes per cycle: what the first cycle wrote (start-up to its end) is the upper bound we report;
    // idle bytes are what the idle period wrote (log lines, broker heartbeat).
    return {
      idle_seconds: IDLE_S,
      cpu_percent: round(((last.cpuTicks - first.cpuTicks) / hz / wall) * 100, 3),
      peak_rss_mb: last.peakRssKb ? round(last.peakRssKb / 1024, 1) : null,
      settle_seconds: SETTLE_S,
      cpu_seconds_startup_to_first_cycle: round(startup.cpuTicks / hz, 2),
      spawn_to_first_cycle_end_ms: firstCycleMs,
      bytes_written_first_cycle_incl_startup: startup.wchar,
      bytes_written_idle: last.wchar - first.wchar,
      cycles_during_idle: cycles - cyclesBefore,
      usage_calls: fake.stats.usageCalls,
      goal: 'CPU ≤ 0.1 %, peak RSS ≤ 60 MB; first cycle < 2000 ms after start',
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    home.cleanup();
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
    ['daemon', `daemon idle ${IDLE_S} s…`, () => benchDaemon(h)],
    [
      'serve',
      `serve idle ${IDLE_S} s, one dashboard open…`,
      () => benchServeIdle(h, { repo: REPO, idleS: IDLE_S, settleS: SETTLE_S, slots: slotsOf(3, 'sv') }),
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
