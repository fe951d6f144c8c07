// `quota-broker serve` as a user runs it (a real process, 10 slots, against the fake), each figure beside
// a yardstick measured in the same run, alternated round by round:
// - first byte of `/` and of `/api/state`, beside a static file served by the same server (a hashed
//   asset) and by a bare node http server (a separate process serving a buffer of the state's size);
// - first render of 10 slots in Chromium, beside the same UI on its in-memory demo host over a bare
//   static server (what the UI costs without serve);
// - push latency to 50 event streams: POST /api/refresh until the 50th stream has the `refreshing`
//   state, beside a bare SSE server (a separate process) that stringifies the same state and writes it
//   to 50 streams when POSTed;
// - resident memory of each server with its 50 streams open.
// `--repo DIR` (from run.mjs) runs another build's bin (a "before" checkout); the yardsticks stay.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { buildDemo, DEMO_DIR, launchChromium, serveDir, timeTenthRow } from './dashboard.mjs';
import { procStat } from './proc.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
/** min/median/max of `xs` (ms, 2 decimals) and the ratio of the medians to `yard`'s. */
export const stats = (xs) => ({
  min: round(Math.min(...xs)),
  median: round(median(xs)),
  max: round(Math.max(...xs)),
  n: xs.length,
});
const ratio = (a, b) => round(median(a) / median(b));

const URL_LINE = /Quota Broker dashboard: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/;

function startServeProcess(repo, env) {
  const child = spawn(process.execPath, [join(repo, 'bin/quota-broker.cjs'), 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve printed no URL in 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = URL_LINE.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ child, port: Number(m[1]), token: m[2] });
    });
  });
}

// The yardstick server: GET /static (a buffer), GET /sse (an event stream), POST /push (broadcast the
// state, stringified once). Its own process, like serve, so neither shares the bench's event loop.
const BARE_SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const state = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
const staticBody = Buffer.alloc(Number(process.argv[2]), 'x');
const streams = new Set();
const server = http.createServer((req, res) => {
  if (req.url === '/static') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(staticBody);
  }
  if (req.url === '/sse') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.flushHeaders();
    streams.add(res);
    return res.on('close', () => streams.delete(res));
  }
  if (req.url === '/push' && req.method === 'POST') {
    req.resume();
    req.on('end', () => {
      const bytes = 'event: state\\ndata: ' + JSON.stringify({ ...state, refreshing: true, now: Date.now() }) + '\\n\\n';
      for (const s of streams) s.write(bytes);
      res.end('{}');
    });
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
`;

function startBareServer(stateFile, staticBytes) {
  const child = spawn(process.execPath, ['-e', BARE_SERVER, stateFile, String(staticBytes)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      const m = /PORT (\d+)/.exec(d);
      if (m) {
        child.removeAllListeners('exit');
        resolve({ child, port: Number(m[1]) });
      }
    });
  });
}

/** Time to the response headers (first byte) of one GET on a fresh connection; fails on a non-200. */
function firstByte(port, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      agent: false,
      headers: { Host: `127.0.0.1:${port}`, ...headers },
    });
    req.on('response', (res) => {
      const ms = performance.now() - t;
      if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode}`));
      res.resume();
      res.on('end', () => resolve(ms));
    });
    req.on('error', reject);
    req.end();
  });
}

function post(port, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', ...headers },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** An event-stream client that timestamps each complete `state` event and notes its `refreshing`. */
function openStream(port, path) {
  const stream = { states: [], status: null };
  let buffer = '';
  const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}` } });
  req.on('response', (res) => {
    stream.status = res.statusCode;
    res.setEncoding('utf8').on('data', (chunk) => {
      const at = performance.now();
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (event.startsWith('event: state\n'))
          stream.states.push({ at, refreshing: event.includes('"refreshing":true') });
        end = buffer.indexOf('\n\n');
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  stream.close = () => req.destroy();
  return stream;
}

async function waitFor(check, what, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** One push to `streams`: from `trigger()` to the last stream's `refreshing` state. */
async function timePush(streams, trigger, settle) {
  const counts = streams.map((s) => s.states.length);
  const t = performance.now();
  const done = trigger();
  const arrived = () =>
    streams.every((s, i) => s.states.slice(counts[i]).some((e) => e.refreshing && e.at >= t));
  await waitFor(arrived, 'a push on every stream');
  const last = Math.max(...streams.map((s, i) => s.states.slice(counts[i]).find((e) => e.refreshing).at));
  await done;
  await settle?.(counts);
  return last - t;
}

/**
 * Runs the serve rows. `h`: the bench harness; `repo`: whose bin to run; `skipBrowser`: no Chromium.
 */
export async function benchServe(
  h,
  { repo, dir, slots, clients = 50, requests = 60, pushes = 15, renders = 7, skipBrowser = false },
) {
  const fake = await h.createFakeAnthropic({ usageBudgetPerHour: 1e6 });
  const home = h.createTempHome({ fake, slots });
  const serve = await startServeProcess(repo, home.env());
  let bare;
  const streams = [];
  try {
    const log = join(home.stateDir, 'broker.log');
    const cycleEnds = () => (existsSync(log) ? readFileSync(log, 'utf8').split('cycle end').length - 1 : 0);
    await waitFor(() => cycleEnds() >= 1, 'serve’s first cycle', 30_000);
    const auth = { Authorization: `Bearer ${serve.token}` };
    const stateText = await new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: serve.port,
        path: '/api/state',
        headers: { Host: `127.0.0.1:${serve.port}`, ...auth },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d) => (body += d));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
    const state = JSON.parse(stateText).value;
    const stateFile = join(dir, 'bench-state.json');
    writeFileSync(stateFile, JSON.stringify(state));
    bare = await startBareServer(stateFile, Buffer.byteLength(stateText));
    const assetsDir = join(repo, 'dist', 'renderer', 'assets');
    const css = readdirSync(assetsDir).find((f) => f.endsWith('.css'));

    // First bytes, alternated in an order that rotates each round (no request always goes first);
    // 3 warm-up rounds dropped.
    const ttfb = { page: [], api_state: [], static_same_server: [], static_bare_server: [] };
    const probes = [
      ['page', () => firstByte(serve.port, `/?token=${serve.token}`)],
      ['api_state', () => firstByte(serve.port, '/api/state', auth)],
      ['static_same_server', () => firstByte(serve.port, `/assets/${css}?token=${serve.token}`)],
      ['static_bare_server', () => firstByte(bare.port, '/static')],
    ];
    for (let i = 0; i < requests + 3; i++) {
      for (let j = 0; j < probes.length; j++) {
        const [name, probe] = probes[(i + j) % probes.length];
        const ms = await probe();
        if (i >= 3) ttfb[name].push(ms);
      }
    }

    // First render of 10 slots: serve in Chromium, beside the demo page over a bare static server.
    let render = { skipped: true };
    if (!skipBrowser) {
      if (!existsSync(join(DEMO_DIR, 'demo.html'))) await buildDemo();
      const demo = await serveDir(DEMO_DIR);
      const browser = await launchChromium();
      try {
        const serveUrl = `http://127.0.0.1:${serve.port}/?token=${serve.token}`;
        const demoUrl = `${demo.origin}/demo.html?scenario=ten`;
        await timeTenthRow(browser, serveUrl);
        await timeTenthRow(browser, demoUrl);
        const times = { serve: [], demo: [] };
        for (let i = 0; i < renders; i++) {
          times.serve.push(await timeTenthRow(browser, serveUrl));
          times.demo.push(await timeTenthRow(browser, demoUrl));
        }
        render = {
          serve_ms: stats(times.serve),
          yardstick_demo_page_ms: stats(times.demo),
          ratio: ratio(times.serve, times.demo),
        };
      } finally {
        await browser.close();
        await demo.close();
      }
    }

    // Push latency to `clients` streams on each server, alternated.
    for (let i = 0; i < clients; i++) {
      streams.push({ server: 'serve', s: openStream(serve.port, `/api/events?token=${serve.token}`) });
      streams.push({ server: 'bare', s: openStream(bare.port, '/sse') });
    }
    const serveStreams = streams.filter((x) => x.server === 'serve').map((x) => x.s);
    const bareStreams = streams.filter((x) => x.server === 'bare').map((x) => x.s);
    await waitFor(
      () => serveStreams.every((s) => s.states.length >= 1),
      'the first state on every serve stream',
    );
    await waitFor(() => bareStreams.every((s) => s.status === 200), 'every bare stream open');
    const refused = serveStreams.filter((s) => s.status !== 200).length;
    if (refused) throw new Error(`${refused} of ${clients} serve streams refused`);
    const latency = { serve: [], bare: [] };
    for (let i = 0; i < pushes + 2; i++) {
      const s = await timePush(
        serveStreams,
        () => post(serve.port, '/api/refresh', auth),
        // The refresh's last push (refreshing false) on every stream before the next round.
        (counts) =>
          waitFor(
            () => serveStreams.every((st, j) => st.states.slice(counts[j]).at(-1)?.refreshing === false),
            'the refresh’s end on every stream',
          ),
      );
      const b = await timePush(bareStreams, () => post(bare.port, '/push'));
      if (i < 2) continue;
      latency.serve.push(s);
      latency.bare.push(b);
    }
    const serveProc = procStat(serve.child.pid);
    const bareProc = procStat(bare.child.pid);
    return {
      repo,
      slots: slots.length,
      state_bytes: Buffer.byteLength(stateText),
      first_byte_ms: {
        page: stats(ttfb.page),
        api_state: stats(ttfb.api_state),
        static_same_server: stats(ttfb.static_same_server),
        static_bare_server: stats(ttfb.static_bare_server),
        ratio_api_state_to_static_same_server: ratio(ttfb.api_state, ttfb.static_same_server),
        ratio_api_state_to_static_bare_server: ratio(ttfb.api_state, ttfb.static_bare_server),
        ratio_page_to_static_bare_server: ratio(ttfb.page, ttfb.static_bare_server),
      },
      first_render_10_slots: render,
      push_latency_ms: {
        clients,
        serve: stats(latency.serve),
        bare_sse_server: stats(latency.bare),
        ratio: ratio(latency.serve, latency.bare),
      },
      rss_mb_with_streams: {
        serve: round(serveProc.rssKb / 1024, 1),
        serve_peak: round(serveProc.peakRssKb / 1024, 1),
        bare_sse_server: round(bareProc.rssKb / 1024, 1),
        ratio: round(serveProc.rssKb / bareProc.rssKb),
      },
      goal: '/api/state first byte ≤ 1.5× a static file; push latency to 50 streams ≤ 1.3× a bare SSE server',
    };
  } finally {
    for (const x of streams) x.s.close();
    serve.child.kill('SIGTERM');
    bare?.child.kill('SIGTERM');
    await Promise.all(
      [serve.child, bare?.child]
        .filter(Boolean)
        .map(
          (c) => new Promise((r) => (c.exitCode === null && c.signalCode === null ? c.once('exit', r) : r())),
        ),
    );
    home.cleanup();
    await fake.close();
  }
}
