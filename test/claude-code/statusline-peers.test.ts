/**
 * `quota-broker statusline --segment` inside the statuslines people already use, in the real Claude Code
 * TUI (tmux, offline), configured exactly as README.md "Inside ccstatusline / claude-powerline" shows:
 * - ccstatusline (the real, pinned package): a Custom Command widget with "preserve colors";
 * - claude-powerline: the shell composition its README documents for custom segments, with the stdin
 *   shared; a stand-in takes the place of `npx @owloops/claude-powerline` (not served by the registry
 *   reachable here; see test/support/real-claude/peers.ts).
 * Needs `node scripts/build.mjs` (dist/statusline.cjs).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getStatuslineCommand } from '../../shared/cli/statusline/install';
import {
  type ClaudeHome,
  makeClaudeHome,
  realClaudeEnv,
  requireCcstatusline,
  requireRealClaude,
  runTuiWithStatusline,
  writePowerlineStandIn,
} from '../support/real-claude';
import { requireSetup } from '../support/real-claude/setup';
import { writeLiveBrokerState } from '../support/real-claude/slot-state';

const REPO = resolve(__dirname, '../..');
const BIN = join(REPO, 'bin', 'quota-broker.cjs');
const H = 3_600_000;
const ESC = '\u001b';
const home: ClaudeHome = makeClaudeHome();
const setup = requireSetup(() => {
  if (!existsSync(join(REPO, 'dist', 'statusline.cjs')))
    throw new Error('Run `node scripts/build.mjs` first.');
  return { claude: requireRealClaude(), ccstatusline: requireCcstatusline() };
});
afterAll(() => home.cleanup());

/** The segment command as README.md shows it: absolute node and bin, `statusline --segment`. */
const SEGMENT = `${getStatuslineCommand(process.execPath, BIN)} --segment`;

/** A state dir with a "live broker" (no refresh is spawned) and a one-slot cache whose pace runs hot. */
function writeState(name: string, dir: string): string {
  const now = Date.now();
  const weeklyReset = new Date(now + 27.5 * H).toISOString();
  return writeLiveBrokerState(join(home.home, name), dir, {
    email: 'peer@example.com',
    label: 'Peer',
    seven_day: { utilization: 75, resets_at: weeklyReset },
    pace: {
      five_hour: { status: 'unknown', reason: 'too_few_points', points: 2, resets_at: null },
      seven_day: {
        status: 'projected',
        at_reset: 92,
        runs_out_at: null,
        resets_at: weeklyReset,
        rate_per_hour: 0.6,
        points: 40,
        from: now - 24 * H,
        to: now,
      },
    },
  });
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('--segment inside other statuslines, in the real Claude Code TUI', () => {
  it('ccstatusline: a Custom Command widget with preserve colors shows the coloured segment in its line', async () => {
    const dir = join(home.home, '.claude-ccs');
    mkdirSync(dir, { recursive: true });
    const stateDir = writeState('state-ccs', dir);
    const config = join(home.home, 'ccstatusline.json');
    writeFileSync(
      config,
      JSON.stringify({
        version: 4,
        lines: [
          [
            { id: '1', type: 'model', color: 'cyan' },
            { id: '2', type: 'separator' },
            { id: '3', type: 'custom-command', commandPath: SEGMENT, preserveColors: true, timeout: 3000 },
          ],
        ],
      }),
    );
    const screen = await runTuiWithStatusline({
      home: home.home,
      bin: setup().claude.bin,
      configDir: dir,
      command: `${shellQuote(process.execPath)} ${shellQuote(setup().ccstatusline)} --config ${shellQuote(config)}`,
      env: realClaudeEnv(home.home, { QUOTA_BROKER_HOME: stateDir, TZ: 'UTC' }),
      escapes: true,
      timeoutMs: 45_000,
      waitFor: /Peer/,
      settleMs: 500,
    });
    const line = screen.split('\n').find((l) => l.includes('Peer')) as string;
    // ccstatusline's own widget, then ours, on one line; ccstatusline pads with no-break spaces.
    expect(line).toMatch(/Model:/);
    expect(line.indexOf('Model:')).toBeLessThan(line.indexOf('Peer'));
    expect(line).toMatch(
      new RegExp(`Peer[\\s\\u00a0]+(${ESC}\\[[0-9;]*m)*${ESC}\\[33m📅:27h\\(75%\\)@\\w{3}`),
    );
    expect(line).toMatch(new RegExp(`${ESC}\\[31m📅→92%`));
  });

  it('claude-powerline: the README’s composition shows its line and, below it, the coloured segment', async () => {
    const dir = join(home.home, '.claude-pl');
    mkdirSync(dir, { recursive: true });
    const stateDir = writeState('state-pl', dir);
    const powerline = `${shellQuote(process.execPath)} ${shellQuote(writePowerlineStandIn(home.home))}`;
    // README.md: input=$(cat); printf '%s' "$input" | <claude-powerline>; printf '%s' "$input" | <segment>
    const command = `input=$(cat); printf '%s' "$input" | ${powerline}; printf '%s' "$input" | ${SEGMENT}`;
    const screen = await runTuiWithStatusline({
      home: home.home,
      bin: setup().claude.bin,
      configDir: dir,
      command,
      env: realClaudeEnv(home.home, { QUOTA_BROKER_HOME: stateDir, TZ: 'UTC' }),
      escapes: true,
      waitFor: new RegExp(`${ESC}\\[33m📅:27h\\(75%\\)@\\w{3}`),
      settleMs: 500,
    });
    const lines = screen.split('\n');
    const first = lines.findIndex((l) => l.includes('POWERLINE'));
    const ours = lines.findIndex((l) => l.includes('Peer'));
    // The stand-in got Claude Code's JSON (it names the project dir) and ours got it too.
    expect(lines[first]).toMatch(/POWERLINE \S+.* project-/);
    expect(ours).toBe(first + 1);
    expect(lines[ours]).toMatch(new RegExp(`${ESC}\\[31m📅→92%`));
  });
});
