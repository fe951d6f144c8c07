/**
 * The test runner's decisions (scripts/test/plan.mjs), including the macOS branch this Linux machine
 * cannot run: which suites run, skip or fail, what gets installed, and the command a person is given.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandNeeds, installSentence, planProvisioning, selectSuites } from '../../scripts/test/plan.mjs';
import { allAptPackages, PREREQUISITES } from '../../scripts/test/prerequisites.mjs';
import { SUITES } from '../../scripts/test/suites.mjs';

const linux = { platform: 'linux', ci: false, root: true, apt: true, autoInstall: undefined };
const names = (plan: { suite: { name: string }; action: string }[], action: string) =>
  plan.filter((p) => p.action === action).map((p) => p.suite.name);

describe('which suites run', () => {
  it('Linux runs every Linux suite and nothing skips, with or without CI', () => {
    for (const ci of [false, true]) {
      const plan = selectSuites(SUITES, { platform: 'linux', ci });
      expect(names(plan, 'run')).toEqual([
        'build',
        'typecheck',
        'lint',
        'unit',
        'keyring',
        'browser',
        'claude-code',
        'install',
        'reliability',
      ]);
      expect(plan.every((p) => p.action === 'run')).toBe(true);
    }
  });

  it('a Mac runs the keychain suite and reports the Linux-only suites as SKIPPED (needs Linux: …)', () => {
    const plan = selectSuites(SUITES, { platform: 'darwin', ci: false });
    expect(names(plan, 'run')).toEqual([
      'build',
      'typecheck',
      'lint',
      'unit',
      'keychain',
      'browser',
      'install',
      'reliability',
    ]);
    expect(plan.filter((p) => p.action === 'skip').map((p) => [p.suite.name, p.reason])).toEqual([
      ['keyring', 'needs Linux: gnome-keyring and D-Bus'],
      ['claude-code', 'needs Linux: unshare --mount'],
    ]);
  });

  it('a Mac with CI set fails the Linux-only suites instead of skipping them', () => {
    const plan = selectSuites(SUITES, { platform: 'darwin', ci: true });
    expect(names(plan, 'skip')).toEqual([]);
    expect(names(plan, 'fail')).toEqual(['keyring', 'claude-code']);
  });
});

describe('prerequisites', () => {
  it('every suite names only known prerequisites, and their requirements come first', () => {
    for (const suite of SUITES) expect(() => expandNeeds(suite.needs, PREREQUISITES)).not.toThrow();
    expect(expandNeeds(['keytar', 'claude-code'], PREREQUISITES)).toEqual([
      'native-build',
      'keytar',
      'claude-code',
    ]);
    expect(expandNeeds(['mount-namespace'], PREREQUISITES)).toEqual(['unshare', 'mount-namespace']);
  });

  it('CI installs the one list the runner uses (.ci/run calls prerequisites.mjs, no second copy)', () => {
    const ci = readFileSync(join(import.meta.dirname, '../../.ci/run'), 'utf8');
    expect(ci).toContain('node scripts/test/prerequisites.mjs --install');
    expect(ci).not.toMatch(/apt-get install/);
    expect(allAptPackages()).toEqual(
      expect.arrayContaining(['chromium', 'gnome-keyring', 'libsecret-1-dev', 'tmux', 'zsh']),
    );
  });

  it('the unit suite needs zsh (shell-init is sourced in a real zsh), which Debian installs', () => {
    expect(SUITES.find((s) => s.name === 'unit')?.needs).toContain('zsh');
    expect(planProvisioning(['zsh'], PREREQUISITES, linux).aptPackages).toEqual(['zsh']);
    expect(planProvisioning(['zsh'], PREREQUISITES, { ...linux, ci: true }).manual.get('zsh')).toContain(
      '`apt-get install -y zsh`',
    );
  });
});

describe('provisioning plan', () => {
  it('root on Debian, not CI: missing packages go to one apt-get run, checkout-local ones are provided', () => {
    const plan = planProvisioning(
      ['chromium', 'tmux', 'native-build', 'keytar', 'claude-code'],
      PREREQUISITES,
      linux,
    );
    expect(plan.aptPackages).toEqual(['chromium', 'tmux', 'libsecret-1-dev', 'make', 'g++', 'python3']);
    expect(plan.local).toEqual(['keytar', 'claude-code']);
    expect([...plan.manual.keys()]).toEqual([]);
  });

  it('with CI set nothing is installed: the suite fails with the exact command', () => {
    const plan = planProvisioning(['tmux'], PREREQUISITES, { ...linux, ci: true });
    expect(plan.aptPackages).toEqual([]);
    expect(plan.manual.get('tmux')).toBe(
      'missing tmux (the real Claude Code TUI runs in it): install it with `apt-get install -y tmux`',
    );
  });

  it('QB_INSTALL_PREREQS=1 installs even in CI; =0 never does', () => {
    expect(
      planProvisioning(['tmux'], PREREQUISITES, { ...linux, ci: true, autoInstall: true }).aptPackages,
    ).toEqual(['tmux']);
    expect(planProvisioning(['tmux'], PREREQUISITES, { ...linux, autoInstall: false }).aptPackages).toEqual(
      [],
    );
  });

  it('without root the command says sudo; without apt it names the packages', () => {
    expect(
      planProvisioning(['gnome-keyring'], PREREQUISITES, { ...linux, root: false }).manual.get(
        'gnome-keyring',
      ),
    ).toBe(
      'missing gnome-keyring (a real Secret Service): install it with `sudo apt-get install -y gnome-keyring`',
    );
    expect(
      planProvisioning(['chromium'], PREREQUISITES, { ...linux, root: false, apt: false }).manual.get(
        'chromium',
      ),
    ).toBe(
      'missing Chromium (browser tests; never downloaded): install the Debian/Ubuntu package(s) chromium (on Debian: `sudo apt-get install -y chromium`)',
    );
  });

  it('a local prerequisite whose requirement will not be installed is blocked, naming what it waits for', () => {
    const plan = planProvisioning(['native-build', 'keytar'], PREREQUISITES, { ...linux, root: false });
    expect(plan.local).toEqual([]);
    expect(plan.manual.get('native-build')).toContain(
      'sudo apt-get install -y libsecret-1-dev make g++ python3',
    );
    expect(plan.manual.get('keytar')).toContain('needs libsecret headers and a C++ toolchain');
  });

  it('a Mac user is told how to get a browser, never apt-get', () => {
    const plan = planProvisioning(['chromium'], PREREQUISITES, {
      ...linux,
      platform: 'darwin',
      root: false,
      apt: false,
    });
    expect(plan.aptPackages).toEqual([]);
    expect(plan.manual.get('chromium')).toMatch(/Google Chrome or Chromium .*CHROMIUM=/);
  });

  it('what nobody can install says why', () => {
    expect(installSentence(PREREQUISITES['mount-namespace'], 'linux', false, true)).toMatch(
      /unshare --mount is not permitted here: run the suite as root/,
    );
  });
});
