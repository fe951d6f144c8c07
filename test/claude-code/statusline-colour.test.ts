/**
 * The statusline's colours in the real Claude Code TUI (tmux, offline, `capture-pane -e`): the line as
 * installed by `--install` shows green/amber usage, NO_COLOR in Claude Code's environment turns the colours
 * off, and with `refreshInterval` an idle session's line turns to a red `⛔login-dead` (numbers dimmed)
 * when the login dies behind its back — nothing typed. Needs `node scripts/build.mjs` (dist/statusline.cjs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STATUSLINE_REFRESH_INTERVAL_S } from '../../shared/cli/statusline/install';
import {
  type ClaudeHome,
  makeClaudeHome,
  realClaudeEnv,
  requireRealClaude,
  runTuiWithStatusline,
} from '../support/real-claude';
import { requireSetup } from '../support/real-claude/setup';
import {
  writeLiveBrokerState,
  writeSlotCache as writeSharedSlotCache,
} from '../support/real-claude/slot-state';

const REPO = resolve(__dirname, '../..');
const BIN = join(REPO, 'bin', 'quota-broker.cjs');
const H = 3_600_000;
const ESC = '\u001b';
const home: ClaudeHome = makeClaudeHome();
const setup = requireSetup(() => {
  if (!existsSync(join(REPO, 'dist', 'statusline.cjs')))
    throw new Error('Run `node scripts/build.mjs` first.');
  return requireRealClaude();
});
afterAll(() => home.cleanup());

/** A state dir with a "live broker" and a one-slot cache for `dir`, its week at 75 %. */
function writeState(name: string, dir: string, slot: Record<string, unknown> = {}): string {
  return writeLiveBrokerState(join(home.home, name), dir, { seven_day: weekAt(75), ...slot });
}

function writeSlotCache(stateDir: string, dir: string, over: Record<string, unknown>): void {
  writeSharedSlotCache(stateDir, dir, { seven_day: weekAt(75), ...over });
}

const weekAt = (utilization: number) => ({
  utilization,
  resets_at: new Date(Date.now() + 27.5 * H).toISOString(),
});

/** `--install` into `dir`, returning the statusLine it wrote. */
function install(dir: string, env: NodeJS.ProcessEnv): { command: string; refreshInterval: number } {
  execFileSync(process.execPath, [BIN, 'statusline', '--install', '--config-dir', dir], { env });
  return JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).statusLine;
}

describe('statusline colours in the real Claude Code TUI', () => {
  it('shows usage in green and amber, and an idle session turns red when the login dies', async () => {
    const dir = join(home.home, '.claude-colour');
    mkdirSync(dir, { recursive: true });
    const stateDir = writeState('state-colour', dir);
    const env = realClaudeEnv(home.home, { QUOTA_BROKER_HOME: stateDir, TZ: 'UTC' });
    const installed = install(dir, env);
    expect(installed.refreshInterval).toBe(STATUSLINE_REFRESH_INTERVAL_S);
    const screen = await runTuiWithStatusline({
      home: home.home,
      bin: setup().bin,
      configDir: dir,
      command: installed.command,
      // What --install writes (60 s) would make this test wait a minute; the mechanism is the same.
      refreshIntervalS: 2,
      env,
      escapes: true,
      waitFor: new RegExp(`${ESC}\\[32m⏱:37%·2h[^\\n]*${ESC}\\[33m📅:27h\\(75%\\)@\\w{3}`),
      steps: [
        {
          // The login dies while the session sits idle: the broker rewrites the cache, nobody types.
          act: () =>
            writeSlotCache(stateDir, dir, {
              health: 'login_dead',
              status: 'inactive',
              last_fetched: Date.now() - 5 * H,
            }),
          waitFor: new RegExp(`${ESC}\\[31m⛔login-dead`),
        },
      ],
    });
    const line = screen.split('\n').find((l) => l.includes('⛔login-dead')) as string;
    // The old numbers stay, dimmed (SGR 2) in their colours, and the line ends with the stale mark
    // (tmux writes dim + green as `ESC[2m ESC[32m`).
    const dimIn = (sgr: string) => `${ESC}\\[2(?:m${ESC}\\[|;)${sgr}m`;
    expect(line).toMatch(new RegExp(`${dimIn('32')}⏱:37%·2h`));
    expect(line).toMatch(new RegExp(`${dimIn('33')}📅:27h\\(75%\\)@\\w{3}`));
    expect(line).toContain('🔺');
  });

  it('shows no colour when Claude Code runs with NO_COLOR', async () => {
    const dir = join(home.home, '.claude-plain');
    mkdirSync(dir, { recursive: true });
    const stateDir = writeState('state-plain', dir);
    const env = realClaudeEnv(home.home, { QUOTA_BROKER_HOME: stateDir, TZ: 'UTC', NO_COLOR: '1' });
    const screen = await runTuiWithStatusline({
      home: home.home,
      bin: setup().bin,
      configDir: dir,
      command: install(dir, env).command,
      env,
      escapes: true,
      waitFor: /TUI /,
      settleMs: 500,
    });
    // The same words, with no escape sequence between them.
    expect(screen).toMatch(/TUI ⏱:37%·2h 📅:27h\(75%\)@\w{3}/);
  });
});
