/**
 * The interactive Claude Code TUI in tmux, to see a statusLine command's output as a user would.
 *
 * Findings with Claude Code 2.1.332 (Linux, offline, HOME=<tmp>):
 * - Needed on disk: `<home>/.claude.json` (or `<CLAUDE_CONFIG_DIR>/.claude.json`) with
 *   `hasCompletedOnboarding: true` and `projects[<cwd>].hasTrustDialogAccepted: true`; otherwise the
 *   onboarding / trust dialogs take the screen. `settings.json` in the config dir holds the statusLine.
 * - No credentials are needed: without them the TUI starts, shows `Not logged in · run /login` at the
 *   right of the status area, and still runs the statusLine command (~1 s after start). With a
 *   `.credentials.json` whose token is unexpired it shows `Claude Max` and no login hint.
 * - Offline it does not block: the statusLine appears within ~1 s whether or not DNS/network work.
 * - The statusLine command runs once at start, then on events; set `refreshInterval` (seconds) to
 *   have it re-run periodically (used here so late answers show up, and to see a line change in an idle
 *   session: `steps`).
 * - It renders the command's SGR colours: `capture-pane -e` (`escapes: true`) shows them as tmux
 *   re-encodes each cell (e.g. `\e[33m` for the 8-colour amber, `\e[2m` dim).
 * - Against the fake (namespace + hosts + CA), on start it calls HEAD /api/hello,
 *   POST /api/eval/sdk-…, GET /api/oauth/profile, /api/frame/contract/latest, /api/claude_code_grove,
 *   POST /api/artifacts/mcp, POST /v1/messages?beta=true (a `max_tokens: 1` "quota" probe with
 *   claude-haiku-4-5), GET /api/claude_cli/bootstrap, /api/claude_code_penguin_mode,
 *   /api/directory/server-urls, /api/oauth/organizations/<org>/referral/eligibility and later
 *   POST /api/event_logging/v2/batch. When the quota probe's answer carries
 *   `anthropic-ratelimit-unified-5h-utilization` (fraction, e.g. 0.37) / `-5h-reset` (epoch s) and the
 *   same for `7d`, the statusLine stdin gains
 *   `rate_limits: {five_hour: {used_percentage: 37, resets_at}, seven_day: {…}}` on the next run.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { claudeJsonPath } from './homes';
import { namespacedArgv } from './namespace';

const run = promisify(execFile);

export interface TuiOptions {
  /** The temp HOME. */
  home: string;
  /** The statusLine command (run by Claude Code through a shell). */
  command: string;
  /** The whole environment of the CLI (nothing else is inherited); HOME, TERM are filled in when absent. */
  env: NodeJS.ProcessEnv;
  /** The real claude binary. */
  bin: string;
  /** CLAUDE_CONFIG_DIR for the session; null/absent: the default `<home>/.claude`. */
  configDir?: string | null;
  /** Working directory (trusted automatically); default a fresh dir under `home`. */
  cwd?: string;
  /** Run inside a private mount namespace with this /etc/hosts (to reach a fake). */
  hostsFile?: string;
  /** Wait until the screen contains this; without it, wait for the prompt plus `settleMs`. */
  waitFor?: string | RegExp;
  /** Extra wait after the match, e.g. for a later refresh; default 0 with waitFor, 1500 ms without. */
  settleMs?: number;
  /** statusLine.refreshInterval in seconds; default none. */
  refreshIntervalS?: number;
  /** Capture with escape sequences (`capture-pane -e`), to see colours. */
  escapes?: boolean;
  /**
   * After `waitFor` matched: each step's action runs (e.g. a file changes behind the session's back)
   * and its pattern must then appear, nothing typed into the session. The last screen is returned.
   */
  steps?: { act: () => void | Promise<void>; waitFor: string | RegExp }[];
  timeoutMs?: number;
  width?: number;
  height?: number;
}

function readJson(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Merges onboarding, trust for `cwd` and the statusLine into the config dir's files, keeping other keys. */
function prepareConfig(home: string, configDir: string | null, cwd: string, o: TuiOptions): void {
  const dir = configDir ?? join(home, '.claude');
  mkdirSync(dir, { recursive: true });
  const jsonPath = claudeJsonPath(home, configDir);
  const json = readJson(jsonPath);
  const projects = (json.projects ?? {}) as Record<string, Record<string, unknown>>;
  projects[cwd] = { ...projects[cwd], hasTrustDialogAccepted: true };
  writeFileSync(jsonPath, JSON.stringify({ ...json, hasCompletedOnboarding: true, projects }, null, 2));
  const settingsPath = join(dir, 'settings.json');
  const statusLine: Record<string, unknown> = { type: 'command', command: o.command, padding: 0 };
  if (o.refreshIntervalS !== undefined) statusLine.refreshInterval = o.refreshIntervalS;
  writeFileSync(settingsPath, JSON.stringify({ ...readJson(settingsPath), statusLine }, null, 2));
}

/** Waits until `pid` is gone (the CLI writes its files on exit), at most `ms`. */
async function waitForExit(pid: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
}

function matches(screen: string, want: string | RegExp): boolean {
  return typeof want === 'string' ? screen.includes(want) : want.test(screen);
}

/**
 * Starts the interactive `claude` in a private tmux server, waits for the statusline and returns the
 * screen text (capture-pane). Throws with the last screen when `waitFor` does not appear in time.
 */
export async function runTuiWithStatusline(o: TuiOptions): Promise<string> {
  const configDir = o.configDir ?? null;
  const cwd = realpathSync(o.cwd ?? mkdtempSync(join(o.home, 'project-')));
  prepareConfig(o.home, configDir, cwd, o);
  const env: NodeJS.ProcessEnv = { TERM: 'xterm-256color', ...o.env, HOME: o.env.HOME ?? o.home };
  if (configDir !== null) env.CLAUDE_CONFIG_DIR = configDir;
  const assignments = Object.entries(env)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  const claudeArgv = o.hostsFile ? namespacedArgv(o.hostsFile, [o.bin]) : [o.bin];
  const sockDir = mkdtempSync(join(tmpdir(), 'qb-tmux-'));
  const tmux = (...args: string[]) => run('tmux', ['-S', join(sockDir, 'sock'), '-f', '/dev/null', ...args]);
  const timeoutMs = o.timeoutMs ?? 30_000;
  let screen = '';
  let panePid = 0;
  try {
    const size = ['-x', String(o.width ?? 140), '-y', String(o.height ?? 30)];
    await tmux(
      'new-session',
      '-d',
      '-s',
      'qb',
      ...size,
      '-c',
      cwd,
      'env',
      '-i',
      ...assignments,
      ...claudeArgv,
    );
    panePid = Number((await tmux('display-message', '-p', '-t', 'qb', '#{pane_pid}')).stdout.trim()) || 0;
    const capture = async () =>
      (await tmux('capture-pane', '-p', ...(o.escapes ? ['-e'] : []), '-t', 'qb')).stdout;
    const waitFor = async (want: string | RegExp) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        await sleep(200);
        screen = await capture();
        if (matches(screen, want)) return;
      }
      throw new Error(
        `The Claude Code TUI did not show ${String(want)} within ${timeoutMs} ms. Last screen:\n${screen}`,
      );
    };
    await waitFor(o.waitFor ?? /❯/);
    const settle = o.settleMs ?? (o.waitFor ? 0 : 1500);
    if (settle > 0) {
      await sleep(settle);
      screen = await capture();
    }
    for (const step of o.steps ?? []) {
      await step.act();
      await waitFor(step.waitFor);
    }
    return screen;
  } catch (err) {
    if (screen === '' && err instanceof Error && /tmux/.test(err.message)) {
      throw new Error(`tmux failed (is tmux installed?): ${err.message}`);
    }
    throw err;
  } finally {
    await tmux('kill-server').catch(() => {});
    if (panePid > 0) await waitForExit(panePid, 5000);
    rmSync(sockDir, { recursive: true, force: true });
  }
}
