/**
 * The real Claude Code TUI (tmux, offline) runs `quota-broker statusline` as installed by --install and
 * shows its line for the session's slot. Needs `node scripts/build.mjs` (dist/statusline.cjs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getStatuslineCommand } from '../../shared/cli/statusline/install';
import {
  type ClaudeHome,
  makeClaudeHome,
  realClaudeEnv,
  requireRealClaude,
  runTuiWithStatusline,
} from '../support/real-claude';
import { requireSetup } from '../support/real-claude/setup';
import { writeLiveBrokerState } from '../support/real-claude/slot-state';

const REPO = resolve(__dirname, '../..');
const BIN = join(REPO, 'bin', 'quota-broker.cjs');
const home: ClaudeHome = makeClaudeHome();
const setup = requireSetup(() => {
  if (!existsSync(join(REPO, 'dist', 'statusline.cjs')))
    throw new Error('Run `node scripts/build.mjs` first.');
  return requireRealClaude();
});
afterAll(() => home.cleanup());

describe('quota-broker statusline in the real Claude Code TUI', () => {
  it('shows the slot’s line (installed with --install, CLAUDE_CONFIG_DIR attribution)', async () => {
    const dir = join(home.home, '.claude-tui');
    mkdirSync(dir, { recursive: true });
    const stateDir = writeLiveBrokerState(join(home.home, 'state'), dir);
    const env = realClaudeEnv(home.home, { QUOTA_BROKER_HOME: stateDir, TZ: 'UTC' });
    execFileSync(process.execPath, [BIN, 'statusline', '--install', '--config-dir', dir], {
      env,
      encoding: 'utf8',
    });
    const { command } = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).statusLine;
    expect(command).toBe(getStatuslineCommand(process.execPath, BIN));
    const screen = await runTuiWithStatusline({
      home: home.home,
      bin: setup().bin,
      configDir: dir,
      command,
      env,
      waitFor: /TUI ⏱:37%·2h 📅:27h\(51%\)@\w{3}/,
    });
    expect(screen).not.toContain('🔺');
  });

  it('gives the command its JSON on a socket that it closes (EOF), as the stdin reader assumes', async () => {
    const screen = await runTuiWithStatusline({
      home: home.home,
      bin: setup().bin,
      command: `k=$(stat -L -c %F /dev/stdin | tr ' ' _); n=$(wc -c); printf 'STDIN=%s EOF-AFTER=%s\\n' "$k" "$n"`,
      env: realClaudeEnv(home.home),
      waitFor: /STDIN=\S+ EOF-AFTER=\d+/,
    });
    expect(screen).toMatch(/STDIN=socket EOF-AFTER=[1-9]\d+/);
  });
});
