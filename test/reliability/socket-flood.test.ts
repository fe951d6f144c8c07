/**
 * A local process floods `quota-broker serve` with sockets that never send a request (docs/RELIABILITY.md "Hostile inputs"). The engine runs in the same process, so those sockets must not use up its file
 * descriptors: with the descriptor limit lowered (`ulimit -n`), the engine's cycles still run, write the
 * cache and log, the server closes every idle socket by itself, and the dashboard answers again after.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVE_LIMITS } from '../../shared/host/dashboard/server';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { BIN } from '../support/run-cli';
import { createTempHome, type TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';
import { writeReport } from './support/report';

/** Low enough that the flood alone would exhaust it; room for node, the engine and the capped sockets. */
const FD_LIMIT = 160;
const FLOOD = 400;

let fake: FakeAnthropic;
let home: TempHome;
let serve: ChildProcess | undefined;
const flood: Socket[] = [];

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({
    fake,
    slots: [
      { id: 'slot-1', email: 'flood-1@example.com' },
      { id: 'slot-2', email: 'flood-2@example.com' },
    ],
  });
});
afterEach(async () => {
  for (const s of flood.splice(0)) s.destroy();
  if (serve && serve.exitCode === null) {
    serve.kill('SIGTERM');
    await new Promise((resolve) => serve?.once('close', resolve));
  }
  home.cleanup();
  await fake.close();
});

const log = () => {
  const file = join(home.stateDir, 'broker.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};
const cycleEnds = () => log().split('cycle end').length - 1;
const cacheTs = () => (existsSync(home.cache) ? home.readCache().ts : 0);

async function get(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

describe('serve under a socket flood', () => {
  it(`with ulimit -n ${FD_LIMIT} and ${FLOOD} idle sockets the engine keeps cycling and logging; the server closes them`, async () => {
    serve = spawn('bash', ['-c', `ulimit -n ${FD_LIMIT} && exec "$0" "$@"`, process.execPath, BIN, 'serve'], {
      env: home.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    serve.stdout?.on('data', (d) => (out += d));
    serve.stderr?.on('data', (d) => (out += d));
    await waitUntil(
      () => /dashboard: (http:\S+)/.test(out) && cycleEnds() >= 1,
      'serve up and its first cycle',
      {
        timeoutMs: 20_000,
      },
    );
    const url = /dashboard: (http:\S+)/.exec(out)?.[1] ?? '';
    const port = Number(new URL(url).port);
    expect(await get(url)).toBe(200);

    let connected = 0;
    let closedByServer = 0;
    for (let i = 0; i < FLOOD; i++) {
      const s = connect(port, '127.0.0.1');
      s.on('connect', () => connected++);
      s.on('close', () => closedByServer++);
      s.on('error', () => undefined);
      flood.push(s);
    }
    await waitUntil(() => connected + closedByServer >= FLOOD, 'every flood socket connected (or refused)', {
      timeoutMs: 20_000,
    });

    // Two cycles during the flood, asked for as `quota-broker refresh` asks a running broker (SIGUSR1).
    const started = Date.now();
    for (let round = 1; round <= 2; round++) {
      const ends = cycleEnds();
      const ts = cacheTs();
      serve.kill('SIGUSR1');
      await waitUntil(
        () => cycleEnds() > ends && (cacheTs() ?? 0) > (ts ?? 0),
        `cycle ${round} during the flood`,
        {
          timeoutMs: 20_000,
        },
      );
    }
    expect(log()).not.toMatch(/EMFILE/);
    const cycleMs = Date.now() - started;

    // Idle-socket clean-up: every flood socket is closed by the server, none by this test.
    await waitUntil(() => closedByServer === FLOOD, 'the server closing every idle flood socket', {
      timeoutMs: SERVE_LIMITS.firstRequestMs * 3 + 10_000,
    });
    const closedMs = Date.now() - started;
    // And the dashboard answers again.
    expect(await get(url)).toBe(200);
    expect(serve.exitCode).toBeNull();
    writeReport('socket-flood', {
      fd_limit: FD_LIMIT,
      flood_sockets: FLOOD,
      two_cycles_during_flood_ms: cycleMs,
      all_flood_sockets_closed_by_server_ms: closedMs,
      limits: SERVE_LIMITS,
    });
  });
});
