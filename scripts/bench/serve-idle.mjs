// `quota-broker serve` sitting idle with one dashboard open: the CPU its process uses while nothing
// happens (no slot due, nobody else writing the state dir), measured from /proc like the daemon's.
// One event stream (`/api/events`, what an open dashboard holds) stays connected throughout, because
// the host only looks for outside changes while someone listens.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { clockTicksPerSecond, procStat } from './proc.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const URL_LINE = /Quota Broker dashboard: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/;

function waitForUrl(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve printed no URL in 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = URL_LINE.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ port: Number(m[1]), token: m[2] });
    });
  });
}

/** Opens the event stream like the dashboard does; counts the `state` events it receives. */
function openEvents({ port, token }) {
  const counts = { state: 0 };
  const req = request({
    host: '127.0.0.1',
    port,
    path: `/api/events?token=${token}`,
    headers: { Host: `127.0.0.1:${port}` },
  });
  req.on('response', (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      counts.state += chunk.split('event: state\n').length - 1;
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { counts, close: () => req.destroy() };
}

/**
 * Spawns `serve` on a 3-slot temp home, waits for its first cycle, settles `settleS` seconds with a
 * dashboard's event stream open, then measures `idleS` seconds.
 */
export async function benchServeIdle(h, { repo, idleS, settleS, slots }) {
  const fake = await h.createFakeAnthropic();
  const home = h.createTempHome({ fake, slots });
  const child = spawn(process.execPath, [join(repo, 'bin/quota-broker.cjs'), 'serve'], {
    env: home.env(),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let events;
  try {
    const address = await waitForUrl(child);
    const log = join(home.stateDir, 'broker.log');
    const cycleEnds = () => (existsSync(log) ? readFileSync(log, 'utf8').split('cycle end').length - 1 : 0);
    const t0 = Date.now();
    while (cycleEnds() < 1 && Date.now() - t0 < 30_000) await sleep(10);
    if (cycleEnds() < 1) throw new Error('serve ran no cycle in 30 s');
    events = openEvents(address);
    const hz = clockTicksPerSecond();
    await sleep(settleS * 1000);
    const first = procStat(child.pid);
    const pushesBefore = events.counts.state;
    const cyclesBefore = cycleEnds();
    const start = Date.now();
    await sleep(idleS * 1000);
    const last = procStat(child.pid);
    const wall = (Date.now() - start) / 1000;
    return {
      idle_seconds: idleS,
      settle_seconds: settleS,
      event_streams_open: 1,
      cpu_percent: round(((last.cpuTicks - first.cpuTicks) / hz / wall) * 100),
      peak_rss_mb: last.peakRssKb ? round(last.peakRssKb / 1024, 1) : null,
      bytes_written_idle: last.wchar - first.wchar,
      state_pushes_during_idle: events.counts.state - pushesBefore,
      cycles_during_idle: cycleEnds() - cyclesBefore,
    };
  } finally {
    events?.close();
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r()));
    home.cleanup();
    await fake.close();
  }
}
