// What the test suites need from the machine: one table, used by `npm test` (scripts/test/run-all.mjs)
// and by CI (`.ci/run` calls `node scripts/test/prerequisites.mjs --install` before `npm ci`).
// Each entry says how to check for it and how it is provided:
//   apt    Debian packages a root user gets installed automatically (never on macOS);
//   mac    the sentence a Mac user is given instead;
//   local  something inside this checkout the runner makes itself (a native rebuild, a cached download);
//   none   a property of the machine nobody can install (the failure says why).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findChromium } from '../lib/chromium.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const KEYTAR_VERSION = PACKAGE.optionalDependencies.keytar;
export const CLAUDE_CODE = JSON.parse(readFileSync(new URL('./claude-code.json', import.meta.url), 'utf8'));
export const CCSTATUSLINE = JSON.parse(readFileSync(new URL('./ccstatusline.json', import.meta.url), 'utf8'));

/** Absolute path of the pinned Claude Code CLI once fetched (see fetchClaudeCode). */
export function claudeCodeBin(root = ROOT) {
  return join(root, CLAUDE_CODE.cacheDir, 'node_modules', '.bin', 'claude');
}

/** True when `name` is an executable on PATH. */
export function onPath(name, env = process.env) {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

const run = (cmd, args, options = {}) =>
  spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'], ...options });

/**
 * @typedef {{
 *   what: string,
 *   check: () => boolean,
 *   apt?: string[],
 *   mac?: string,
 *   local?: { say: string, command: string, provide: () => { ok: boolean, output: string } },
 *   requires?: string[],
 *   none?: string,
 * }} Prerequisite
 */

/** @type {Record<string, Prerequisite>} */
export const PREREQUISITES = {
  openssl: {
    what: 'openssl (throwaway TLS certificates for the HTTPS fake)',
    check: () => onPath('openssl'),
    apt: ['openssl', 'ca-certificates'],
    mac: 'macOS ships /usr/bin/openssl; make sure it is on PATH',
  },
  'systemd-analyze': {
    what: 'systemd-analyze (checks the generated systemd user unit)',
    check: () => onPath('systemd-analyze'),
    apt: ['systemd'],
  },
  chromium: {
    what: 'Chromium (browser tests; never downloaded)',
    check: () => existsSync(findChromium()),
    apt: ['chromium'],
    mac: 'install Google Chrome or Chromium (brew install --cask chromium), or set CHROMIUM=/path/to/the/browser/binary',
  },
  zsh: {
    what: 'zsh (`quota-broker shell-init zsh` is sourced in a real zsh)',
    check: () => onPath('zsh'),
    apt: ['zsh'],
    mac: 'macOS ships /bin/zsh; make sure it is on PATH',
  },
  tmux: {
    what: 'tmux (the real Claude Code TUI runs in it)',
    check: () => onPath('tmux'),
    apt: ['tmux'],
  },
  unshare: {
    what: 'unshare (util-linux)',
    check: () => onPath('unshare'),
    apt: ['util-linux'],
  },
  'mount-namespace': {
    what: 'private mount namespaces (unshare --mount, to give the real CLI its own /etc/hosts)',
    requires: ['unshare'],
    check: () => run('unshare', ['--mount', 'true'], { timeout: 10_000 }).status === 0,
    none: 'unshare --mount is not permitted here: run the suite as root (or with CAP_SYS_ADMIN) on Linux',
  },
  dbus: {
    what: 'a private D-Bus session (dbus-run-session)',
    check: () => onPath('dbus-run-session'),
    apt: ['dbus', 'dbus-x11'],
  },
  'gnome-keyring': {
    what: 'gnome-keyring (a real Secret Service)',
    check: () => onPath('gnome-keyring-daemon'),
    apt: ['gnome-keyring'],
  },
  'native-build': {
    what: 'libsecret headers and a C++ toolchain (to build keytar)',
    check: () =>
      existsSync('/usr/include/libsecret-1/libsecret/secret.h') &&
      ['make', 'g++', 'python3'].every((c) => onPath(c)),
    apt: ['libsecret-1-dev', 'make', 'g++', 'python3'],
  },
  keytar: {
    what: 'the keytar module, built for this Node (an optional dependency)',
    requires: ['native-build'],
    check: () => keytarLoads(),
    local: {
      say: 'building keytar against libsecret',
      // npm drops an optional dependency whose build failed, so reinstall it rather than rebuild it.
      command: `npm install --no-save keytar@${KEYTAR_VERSION}`,
      provide: () => {
        const r = run(
          'npm',
          ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `keytar@${KEYTAR_VERSION}`],
          {
            cwd: ROOT,
            timeout: 300_000,
          },
        );
        return { ok: r.status === 0 && keytarLoads(), output: `${r.stdout}${r.stderr}` };
      },
    },
  },
  'claude-code': {
    what: `the real Claude Code CLI ${CLAUDE_CODE.version} (fetched into ${CLAUDE_CODE.cacheDir})`,
    check: () => claudeCodeRuns(),
    local: {
      say: `fetching ${CLAUDE_CODE.package}@${CLAUDE_CODE.version} into ${CLAUDE_CODE.cacheDir} (once)`,
      command: `node scripts/test/prerequisites.mjs --fetch-claude-code`,
      provide: fetchClaudeCode,
    },
  },
  ccstatusline: {
    what: `ccstatusline ${CCSTATUSLINE.version} (runs our --segment in its Custom Command widget; fetched into ${CCSTATUSLINE.cacheDir})`,
    check: () => existsSync(ccstatuslineScript()),
    local: {
      say: `fetching ${CCSTATUSLINE.package}@${CCSTATUSLINE.version} into ${CCSTATUSLINE.cacheDir} (once)`,
      command: 'node scripts/test/prerequisites.mjs --fetch-ccstatusline',
      provide: fetchCcstatusline,
    },
  },
  security: {
    what: "macOS's /usr/bin/security",
    check: () => existsSync('/usr/bin/security'),
    none: '/usr/bin/security is part of macOS',
  },
};

/**
 * In a fresh node: this process's module loader remembers that keytar was missing when it first looked
 * (its package.json cache), so a keytar installed since would still not load here.
 */
function keytarLoads() {
  const probe =
    "const k = require('keytar'); process.exit(typeof (k.default ?? k).getPassword === 'function' ? 0 : 1)";
  const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, stdio: 'ignore', timeout: 30_000 });
  return r.status === 0;
}

function claudeCodeRuns() {
  const bin = claudeCodeBin();
  if (!existsSync(bin)) return false;
  const r = run(bin, ['--version'], { timeout: 30_000 });
  return r.status === 0 && r.stdout.includes(CLAUDE_CODE.version);
}

/**
 * Installs the pinned Claude Code CLI (native binary from the npm registry) under the checkout's
 * node_modules/.cache, so `npm install` never downloads its ~400 MB and nothing users run needs it.
 */
export function fetchClaudeCode() {
  const prefix = join(ROOT, CLAUDE_CODE.cacheDir);
  const r = run(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${CLAUDE_CODE.package}@${CLAUDE_CODE.version}`,
    ],
    { cwd: ROOT, timeout: 600_000 },
  );
  return { ok: r.status === 0 && claudeCodeRuns(), output: `${r.stdout}${r.stderr}` };
}

/** The pinned ccstatusline's script once fetched (a single-file bundle run with node). */
export function ccstatuslineScript(root = ROOT) {
  return join(root, CCSTATUSLINE.cacheDir, 'node_modules', 'ccstatusline', 'dist', 'ccstatusline.js');
}

/** Installs the pinned ccstatusline (3 MB, no dependencies) under node_modules/.cache, as for the CLI. */
export function fetchCcstatusline() {
  const r = run(
    'npm',
    [
      'install',
      '--prefix',
      join(ROOT, CCSTATUSLINE.cacheDir),
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${CCSTATUSLINE.package}@${CCSTATUSLINE.version}`,
    ],
    { cwd: ROOT, timeout: 300_000 },
  );
  return { ok: r.status === 0 && existsSync(ccstatuslineScript()), output: `${r.stdout}${r.stderr}` };
}

/** Every Debian package any suite may need: what CI installs up front (one list, this one). */
export function allAptPackages() {
  return [...new Set(Object.values(PREREQUISITES).flatMap((p) => p.apt ?? []))].sort();
}

// `node scripts/test/prerequisites.mjs --install`: CI's system packages, as root, before `npm ci`.
// `--print`: the list. `--fetch-claude-code` / `--fetch-ccstatusline`: the pinned copies into the cache.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2];
  if (arg === '--print') console.log(allAptPackages().join(' '));
  else if (arg === '--install') {
    const { installAptPackages } = await import('./provision.mjs');
    process.exit(installAptPackages(allAptPackages()).ok ? 0 : 1);
  } else if (arg === '--fetch-claude-code' || arg === '--fetch-ccstatusline') {
    const r = arg === '--fetch-claude-code' ? fetchClaudeCode() : fetchCcstatusline();
    if (!r.ok) console.error(r.output);
    process.exit(r.ok ? 0 : 1);
  } else {
    console.error(
      'usage: node scripts/test/prerequisites.mjs --print | --install | --fetch-claude-code | --fetch-ccstatusline',
    );
    process.exit(64);
  }
}
