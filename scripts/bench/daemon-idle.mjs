// `quota-broker daemon` idle (3 slots, against the fake), beside a bare node process idling with one timer
// started at the same moment: after the daemon's first cycle and a settle period, both are sampled from
// /proc every SAMPLE_S seconds for `idleS` seconds — CPU per sample window, resident memory — and the
// peak resident memory over the whole run (VmHWM, start-up and the first cycle included).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clockTicksPerSecond, procStat } from './proc.mjs';
import { stats } from './serve.mjs';

const SAMPLE_S = 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Runs the row; `repo` is whose bin to run (a "before" checkout from run.mjs's --repo). */
export async function benchDaemonIdle(h, { repo, idleS, settleS, slots }) {
  const fake = await h.createFakeAnthropic();
  const home = h.createTempHome({ fake, slots });
  const child = spawn(process.execPath, [join(repo, 'bin/quota-broker.cjs'), 'daemon'], {
    env: home.env(),
    stdio: 'ignore',
  });
  // The yardstick: node doing nothing but keeping one timer (what any idle node daemon costs).
  const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    const log = join(home.stateDir, 'broker.log');
    const cycleEnds = () => (existsSync(log) ? readFileSync(log, 'utf8').split('cycle end').length - 1 : 0);
    const t0 = Date.now();
    while (cycleEnds() < 1 && Date.now() - t0 < 30_000) await sleep(10);
    if (cycleEnds() < 1) throw new Error('the daemon ran no cycle in 30 s');
    const firstCycleMs = Date.now() - t0;
    const hz = clockTicksPerSecond();
    const startup = procStat(child.pid);
    await sleep(settleS * 1000);
    const first = { daemon: procStat(child.pid), bare: procStat(bare.pid) };
    const cyclesBefore = cycleEnds();
    const cpu = { daemon: [], bare: [] };
    const rss = { daemon: [], bare: [] };
    let prev = first;
    let prevAt = Date.now();
    const start = prevAt;
    for (let t = 0; t < idleS; t += SAMPLE_S) {
      await sleep(Math.min(SAMPLE_S, idleS - t) * 1000);
      const now = { daemon: procStat(child.pid), bare: procStat(bare.pid) };
      const wall = (Date.now() - prevAt) / 1000;
      for (const k of ['daemon', 'bare']) {
        cpu[k].push(((now[k].cpuTicks - prev[k].cpuTicks) / hz / wall) * 100);
        rss[k].push(now[k].rssKb / 1024);
      }
      prev = now;
      prevAt = Date.now();
    }
    const wall = (Date.now() - start) / 1000;
    const last = prev;
    const cpuPercent = (k) => round(((last[k].cpuTicks - first[k].cpuTicks) / hz / wall) * 100);
    return {
      repo,
      idle_seconds: idleS,
      settle_seconds: settleS,
      sample_seconds: SAMPLE_S,
      cpu_percent: cpuPercent('daemon'),
      cpu_percent_per_sample: stats(cpu.daemon),
      peak_rss_mb: round(last.daemon.peakRssKb / 1024, 1),
      rss_mb_per_sample: stats(rss.daemon),
      yardstick_bare_node: {
        cpu_percent: cpuPercent('bare'),
        peak_rss_mb: round(last.bare.peakRssKb / 1024, 1),
        rss_mb_per_sample: stats(rss.bare),
      },
      ratio_peak_rss_to_bare_node: round(last.daemon.peakRssKb / last.bare.peakRssKb, 2),
      cpu_seconds_startup_to_first_cycle: round(startup.cpuTicks / hz, 2),
      spawn_to_first_cycle_end_ms: firstCycleMs,
      bytes_written_first_cycle_incl_startup: startup.wchar,
      bytes_written_idle: last.daemon.wchar - first.daemon.wchar,
      cycles_during_idle: cycleEnds() - cyclesBefore,
      usage_calls: fake.stats.usageCalls,
      goal: 'CPU ≤ 0.05 %, peak RSS ≤ 52 MB; first cycle < 2000 ms after start',
    };
  } finally {
    for (const c of [child, bare]) c.kill('SIGTERM');
    await Promise.all(
      [child, bare].map(
        (c) => new Promise((r) => (c.exitCode === null && c.signalCode === null ? c.once('exit', r) : r())),
      ),
    );
    home.cleanup();
    await fake.close();
  }
}
