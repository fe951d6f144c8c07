// The suites `npm test` runs, in order, with what each needs from the machine (ids of
// prerequisites.mjs). `platforms` says where a suite can run at all; elsewhere it is reported as
// SKIPPED (only on macOS without CI) or fails (on Linux and whenever CI is set).

/** @typedef {{ name: string, what: string, command: string[], needs: string[], platforms: string[], needsWhy?: string }} Suite */

const vitest = (...projects) => ['npx', 'vitest', 'run', ...projects.flatMap((p) => ['--project', p])];

/** @type {Suite[]} */
export const SUITES = [
  {
    name: 'build',
    what: 'CLI, statusline and dashboard bundles',
    command: ['node', 'scripts/build.mjs'],
    needs: [],
    platforms: ['linux', 'darwin'],
  },
  {
    name: 'typecheck',
    what: 'tsc over node, web, renderer tests and electron',
    command: ['npm', 'run', '--silent', 'typecheck'],
    needs: [],
    platforms: ['linux', 'darwin'],
  },
  {
    name: 'lint',
    what: 'Biome',
    command: ['npm', 'run', '--silent', 'lint'],
    needs: [],
    platforms: ['linux', 'darwin'],
  },
  {
    name: 'unit',
    what: 'shared/, electron/ and renderer units, black-box CLI tests',
    command: vitest('unit', 'renderer'),
    needs: ['openssl', 'systemd-analyze', 'zsh'],
    platforms: ['linux', 'darwin'],
  },
  {
    name: 'keyring',
    what: 'Secret Service store against a real gnome-keyring',
    command: ['bash', 'scripts/test-keyring.sh'],
    needs: ['dbus', 'gnome-keyring', 'keytar'],
    platforms: ['linux'],
    needsWhy: 'gnome-keyring and D-Bus',
  },
  {
    name: 'keychain',
    what: 'macOS keychain store against the real /usr/bin/security and a throwaway keychain',
    command: vitest('keychain'),
    needs: ['security'],
    platforms: ['darwin'],
  },
  {
    name: 'browser',
    what: 'the dashboard in a real Chromium',
    command: vitest('browser'),
    needs: ['chromium'],
    platforms: ['linux', 'darwin'],
  },
  {
    name: 'claude-code',
    what: 'the real Claude Code CLI against an HTTPS fake in a private mount namespace',
    command: vitest('claude-code'),
    needs: ['openssl', 'tmux', 'mount-namespace', 'claude-code', 'ccstatusline'],
    platforms: ['linux'],
    needsWhy: 'unshare --mount',
  },
  {
    name: 'install',
    what: 'npm start (Electron installer, fallback), the CLI package from its tarball, the app file list',
    command: vitest('install'),
    needs: [],
    platforms: ['linux', 'darwin'],
  },
  {
    name: 'reliability',
    what: 'crash safety, locks, torn reads, disk trouble, bad input',
    command: vitest('reliability'),
    needs: [],
    platforms: ['linux', 'darwin'],
  },
];
