/**
 * A foreground `quota-broker daemon` (the built CLI, a real process) against the fake Anthropic server:
 * after "Polling as the broker." it prints each slot's state once, then — when a login dies — the change
 * of state with its fix and the alert it delivered, one line each on stderr. Every wait is for a line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { defaultUsage } from '../fake-anthropic/default-usage';
import { BIN } from '../support/run-cli';
import { createTempHome, type TempHome } from '../support/temp-home';
import { waitUntil } from '../support/wait';

const LINE_TIMEOUT_MS = 20_000;
const TIME = String.raw`\d{2}:\d{2}:\d{2}`;

let fake: FakeAnthropic;
let home: TempHome;
let daemon: ChildProcess | undefined;

beforeEach(async () => {
  fake = await createFakeAnthropic();
});
afterEach(async () => {
  if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
    daemon.kill('SIGKILL');
    await new Promise((r) => daemon?.once('exit', r));
  }
  daemon = undefined;
  home?.cleanup();
  await fake.close();
});

function withoutExtraUsage(): unknown {
  const usage = defaultUsage() as { extra_usage: Record<string, unknown> };
  usage.extra_usage = { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null };
  return usage;
}

/** The daemon with its stdout and stderr collected as they arrive. */
function startDaemon(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, 'daemon'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d) => (out.stdout += d));
  child.stderr?.on('data', (d) => (out.stderr += d));
  const lines = () => out.stderr.split('\n').filter(Boolean);
  const waitForLine = async (pattern: RegExp, what: string) => {
    await waitUntil(() => lines().some((l) => pattern.test(l)), `${what}; stderr so far:\n${out.stderr}`, {
      timeoutMs: LINE_TIMEOUT_MS,
    });
    return lines().find((l) => pattern.test(l)) ?? '';
  };
  return { child, out, lines, waitForLine };
}

describe('quota-broker daemon in the foreground', () => {
  it('prints every slot once, then a dead login as one state-change line and one alert line', async () => {
    home = createTempHome({
      fake,
      slots: [
        { id: 'slot-1', email: 'one@example.com' },
        { id: 'slot-2', email: 'two@example.com' },
      ],
      settings: { token_refresh: 'locked' },
    });
    // No paid extra usage: the first cycle has no alert to deliver, only the states to report.
    for (const email of ['one@example.com', 'two@example.com']) fake.setUsage(email, withoutExtraUsage());
    const d = startDaemon(home.env());
    daemon = d.child;
    await d.waitForLine(new RegExp(`^${TIME} slot-2: ok$`), 'slot-2 reported ok on the first cycle');
    expect(d.out.stdout).toContain('Polling as the broker.');
    expect(d.lines()).toEqual([
      expect.stringMatching(new RegExp(`^${TIME} slot-1: ok$`)),
      expect.stringMatching(new RegExp(`^${TIME} slot-2: ok$`)),
    ]);

    // The account's login ends at Anthropic; the next cycle (asked for now, a minute on) finds out.
    fake.revokeLogin('two@example.com');
    home.age(60_000);
    daemon.kill('SIGUSR1');
    const change = await d.waitForLine(/slot-2: ok → /, 'the state change of slot-2');
    expect(change).toMatch(
      new RegExp(`^${TIME} slot-2: ok → login dead — run: quota-broker relogin slot-2$`),
    );
    const alert = await d.waitForLine(/ALERT/, 'the alert line');
    expect(alert).toMatch(
      new RegExp(`^${TIME} ALERT \\[warning\\] slot-2: login died — .*Run: quota-broker relogin slot-2$`),
    );
    // One line each: slot-1 did not change, and nothing repeats.
    expect(d.lines()).toHaveLength(4);
    expect(d.out.stderr).not.toMatch(/sk-ant-/);

    daemon.kill('SIGTERM');
    const code = await new Promise((r) => daemon?.once('exit', r));
    expect(code).toBe(0);
    // The alert is in the log as well, as every alert is.
    expect(readFileSync(join(home.stateDir, 'broker.log'), 'utf8')).toContain(
      'ALERT [warning] slot-2: login died',
    );
  });
});
