// The statusline as Claude Code runs it: the command `statusline --install` wrote into settings.json,
// through `sh -c`, fixture stdin piped, with and without NODE_EXTRA_CA_CERTS (a real CA bundle), beside a
// bare `node -e ''` in a minimal environment and the old-form command (node started with the CA file).
// Rounds are interleaved so every row sees the same machine state.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stats } from './stats.mjs';

const SYSTEM_CA_FILES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/ssl/cert.pem',
  '/etc/pki/tls/certs/ca-bundle.crt',
];

function time(file, argv, env, input) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(file, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (code !== 0 || err) reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`));
      else resolve({ ms, out });
    });
    child.stdin.end(input);
  });
}

/**
 * @param h - the bundled test harness (fake server, temp homes, engine).
 * @param repo - the checkout whose built bin/quota-broker.cjs is measured.
 * @param opts - runs (after 3 warm-up rounds).
 */
export async function benchStatuslineInstalled(h, repo, opts = {}) {
  const runs = opts.runs ?? 30;
  const caFile = [process.env.NODE_EXTRA_CA_CERTS, ...SYSTEM_CA_FILES].find((f) => f && existsSync(f));
  if (!caFile) return { missing: 'a CA bundle file (none of the system paths exists)' };
  const fake = await h.createFakeAnthropic();
  const slots = [1, 2, 3].map((i) => ({ id: `slot-${i}`, email: `si-${i}@example.com` }));
  const home = h.createTempHome({ fake, slots });
  try {
    // Windows that reset ahead, so the line is the usual coloured one.
    for (const s of slots) {
      const usage = h.defaultUsage();
      usage.five_hour = { utilization: 37, resets_at: new Date(Date.now() + 2.5 * 3600_000).toISOString() };
      usage.seven_day = { utilization: 51, resets_at: new Date(Date.now() + 27.5 * 3600_000).toISOString() };
      fake.setUsage(s.email, usage);
    }
    const { deps } = h.createTestDeps(home);
    await h.runCycle(deps, Date.now);
    const configDir = home.dirOf('slot-1');
    const bin = join(repo, 'bin', 'quota-broker.cjs');
    // Colours on, as in a Claude Code session; a live broker lock, so no run starts a refresh.
    const env = home.env({ CLAUDE_CONFIG_DIR: configDir });
    delete env.NO_COLOR;
    const install = await time(
      process.execPath,
      [bin, 'statusline', '--install', '--config-dir', configDir],
      env,
      '',
    );
    if (!install.out.includes('statusline')) throw new Error(`--install said: ${install.out}`);
    const command = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')).statusLine.command;
    const oldForm = `${process.execPath} ${bin} statusline`;
    const stdin = readFileSync(join(repo, 'test/fixtures/statusline-stdin.json'), 'utf8');
    const withCa = { ...env, NODE_EXTRA_CA_CERTS: caFile };
    const rows = [
      ["bare `node -e ''`, minimal env (yardstick)", () => time(process.execPath, ['-e', ''], env, '')],
      ['installed command via sh, minimal env', () => time('/bin/sh', ['-c', command], env, stdin)],
      [
        'installed command via sh, NODE_EXTRA_CA_CERTS set',
        () => time('/bin/sh', ['-c', command], withCa, stdin),
      ],
      [
        'old-form command via sh, NODE_EXTRA_CA_CERTS set (before)',
        () => time('/bin/sh', ['-c', oldForm], withCa, stdin),
      ],
      ["bare `node -e ''`, NODE_EXTRA_CA_CERTS set", () => time(process.execPath, ['-e', ''], withCa, '')],
    ];
    const times = rows.map(() => []);
    const outputs = rows.map(() => new Set());
    for (let round = 0; round < runs + 3; round++) {
      for (const [i, [, run]] of rows.entries()) {
        const r = await run();
        outputs[i].add(r.out);
        if (round >= 3) times[i].push(r.ms);
      }
    }
    const lines = new Set([...outputs[1], ...outputs[2], ...outputs[3]]);
    if (lines.size !== 1)
      throw new Error(`the statusline printed different lines: ${[...lines].join(' | ')}`);
    const yard = stats(times[0]);
    return {
      runs,
      ca_file: caFile,
      command,
      line: [...lines][0].trim(),
      rows: rows.map(([name], i) => {
        const s = stats(times[i]);
        return { name, ...s, ratio: Math.round((s.median / yard.median) * 100) / 100 };
      }),
      goal: 'installed command with NODE_EXTRA_CA_CERTS set ≤ 1.2× bare node in a minimal env',
    };
  } finally {
    home.cleanup();
    await fake.close();
  }
}
