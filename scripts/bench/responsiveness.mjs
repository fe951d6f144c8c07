// How quickly the product answers when something around it does not: the wall-clock budgets that used
// to be asserted inside tests (where a busy CI machine made them fail at random) are measured here,
// side by side, with their goals. Each figure is the median of RUNS attempts.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const RUNS = 5;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const timeMs = async (task) => {
  const t = performance.now();
  await task();
  return Math.round(performance.now() - t);
};
const repeat = async (task) => {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeMs(task));
  return median(times);
};

/** The statusline prints at its stdin deadline even when the writer never closes stdin. */
function statuslineOpenStdin(repo, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repo, 'bin', 'quota-broker.cjs'), 'statusline'], {
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    child.stdin.write('{"session_id":"x",');
    child.stdout.once('data', () => {
      child.stdin.end();
      resolve();
    });
    child.once('error', reject);
  });
}

/**
 * @param h - the bundled test harness (fake server, temp homes, engine, clients).
 * @param repo - the checkout, whose built bin/quota-broker.cjs is measured.
 */
export async function benchResponsiveness(h, repo) {
  const fake = await h.createFakeAnthropic({ usageBudgetPerHour: 1e6 });
  const slots = Array.from({ length: 10 }, (_, i) => ({
    id: `slot-${i + 1}`,
    email: `rs-${i + 1}@example.com`,
  }));
  const home = h.createTempHome({ fake, slots });
  try {
    const { deps } = h.createTestDeps(home);
    await h.runCycle(deps, Date.now);
    const token = home.readCredentials('slot-1').claudeAiOauth.accessToken;
    const refreshToken = home.readCredentials('slot-1').claudeAiOauth.refreshToken;

    const doctor = await repeat(async () => {
      const r = spawnSync(process.execPath, [join(repo, 'bin', 'quota-broker.cjs'), 'doctor', '--json'], {
        env: home.env(),
        encoding: 'utf8',
      });
      if (![0, 1].includes(r.status)) throw new Error(`doctor exited ${r.status}: ${r.stderr}`);
    });
    const statusline = await repeat(() => statuslineOpenStdin(repo, home.env()));
    fake.setMode('usage', 'hang');
    const usageHang = await repeat(async () => {
      const r = await h.fetchUsage({
        apiBase: fake.url,
        accessToken: token,
        userAgent: h.claudeCodeUserAgent(),
        timeoutMs: 300,
      });
      if (r.ok || r.kind !== 'timeout') throw new Error(`expected a timeout, got ${JSON.stringify(r)}`);
    });
    fake.setMode('token', 'hang');
    const tokenHang = await repeat(async () => {
      const r = await h.refreshAccessToken({
        tokenUrl: fake.tokenUrl,
        refreshToken,
        scopes: ['user:profile'],
        timeoutMs: 300,
      });
      if (r.ok) throw new Error('expected a timeout');
    });
    return {
      doctor_10_slots_offline_ms: doctor,
      statusline_stdin_never_closed_ms: statusline,
      usage_call_hanging_server_timeout_300_ms: usageHang,
      token_refresh_hanging_server_timeout_300_ms: tokenHang,
      goal: 'doctor < 1000 ms; statusline line < 1000 ms (200 ms stdin deadline + start); hanging calls answered < 1500 ms',
    };
  } finally {
    home.cleanup();
    await fake.close();
  }
}
