// Pure decisions of the test runner (unit-tested in test/scripts/test-plan.test.ts): which suites run
// on this platform, which prerequisites to provide automatically, and the exact command a person must
// run for the rest. No I/O here: the runner passes in what it observed.

/**
 * Which suites run here. A suite for another platform is SKIPPED only on macOS without CI (a Mac
 * cannot run the Linux-only suites); on Linux, and whenever CI is set, it is a failure. A suite for
 * macOS only is not part of a Linux run at all (its Linux counterpart is listed instead).
 *
 * @returns one entry per suite that belongs in this run's summary.
 */
export function selectSuites(suites, { platform, ci }) {
  const out = [];
  for (const suite of suites) {
    if (suite.platforms.includes(platform)) out.push({ suite, action: 'run' });
    else if (!suite.platforms.includes('linux'))
      continue; // macOS-only: not a Linux suite
    else if (platform === 'darwin' && !ci)
      out.push({ suite, action: 'skip', reason: `needs Linux: ${suite.needsWhy ?? 'Linux'}` });
    else
      out.push({
        suite,
        action: 'fail',
        reason: `needs Linux (${suite.needsWhy ?? 'Linux'}); this is ${platform}`,
      });
  }
  return out;
}

/** The prerequisite ids a set needs, including what they require, dependencies first. */
export function expandNeeds(ids, prerequisites) {
  const out = [];
  const visit = (id) => {
    if (out.includes(id)) return;
    const p = prerequisites[id];
    if (!p) throw new Error(`unknown prerequisite "${id}"`);
    for (const r of p.requires ?? []) visit(r);
    out.push(id);
  };
  for (const id of ids) visit(id);
  return out;
}

/**
 * What to do about the missing prerequisites.
 *
 * @param missing - ids whose check failed, dependencies first.
 * @param machine - `platform`, `root` (uid 0), `apt` (apt-get on PATH), `ci`, `autoInstall` (an
 *   explicit `QB_INSTALL_PREREQS` of '1'/'0', else undefined).
 * @returns `aptPackages` to install now (one apt-get run), `local` ids to provide inside the checkout,
 *   and `manual`: id → the sentence saying what to run (for everything that will not be provided).
 */
export function planProvisioning(missing, prerequisites, machine) {
  const { platform, root, apt, ci, autoInstall } = machine;
  const installSystem =
    platform === 'linux' && root && apt && (autoInstall === undefined ? !ci : autoInstall);
  const aptPackages = [];
  const local = [];
  const manual = new Map();
  for (const id of missing) {
    const p = prerequisites[id];
    const blockedBy = (p.requires ?? []).filter((r) => manual.has(r));
    if (blockedBy.length > 0) {
      manual.set(id, `${p.what} needs ${blockedBy.map((r) => prerequisites[r].what).join(', ')} first`);
    } else if (p.local) {
      local.push(id);
    } else if (p.apt && platform === 'linux' && installSystem) {
      for (const pkg of p.apt) if (!aptPackages.includes(pkg)) aptPackages.push(pkg);
    } else {
      manual.set(id, installSentence(p, platform, root, apt));
    }
  }
  return { aptPackages, local, manual };
}

/** The one sentence naming what is missing and the exact command that installs it. */
export function installSentence(p, platform, root, apt) {
  if (platform === 'darwin' && p.mac) return `missing ${p.what}: ${p.mac}`;
  if (p.apt && platform === 'linux') {
    const cmd = `${root ? '' : 'sudo '}apt-get install -y ${p.apt.join(' ')}`;
    return apt
      ? `missing ${p.what}: install it with \`${cmd}\``
      : `missing ${p.what}: install the Debian/Ubuntu package(s) ${p.apt.join(' ')} (on Debian: \`${cmd}\`)`;
  }
  if (p.none) return `missing ${p.what}: ${p.none}`;
  return `missing ${p.what}`;
}
