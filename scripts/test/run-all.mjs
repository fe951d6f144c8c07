// `npm test`: every suite, in order (scripts/test/suites.mjs). Before running, each suite's
// prerequisites are checked (scripts/test/prerequisites.mjs); missing system packages are installed in
// one apt-get run when that is possible and wanted (root, apt-get, not CI), checkout-local ones (keytar
// build, the pinned Claude Code CLI) are provided, and anything left makes that suite FAIL with the
// exact command that fixes it. A suite never skips, except a Linux-only suite on a Mac without CI.
//
//   npm test                 all suites
//   npm test -- unit browser only these suites
//   QB_INSTALL_PREREQS=0|1   never / always install missing system packages (default: as root, not in CI)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expandNeeds, installSentence, planProvisioning, selectSuites } from './plan.mjs';
import { claudeCodeBin, onPath, PREREQUISITES } from './prerequisites.mjs';
import { installAptPackages, provideLocal } from './provision.mjs';
import { SUITES } from './suites.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
process.chdir(ROOT);

const truthy = (v) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
const machine = {
  platform: process.platform,
  ci: truthy(process.env.CI),
  root: process.getuid?.() === 0,
  apt: onPath('apt-get'),
  autoInstall:
    process.env.QB_INSTALL_PREREQS === undefined ? undefined : truthy(process.env.QB_INSTALL_PREREQS),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SUITES.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(
    `Unknown suite ${unknown.join(', ')}; the suites are: ${SUITES.map((s) => s.name).join(', ')}.`,
  );
  process.exit(64);
}
const plan = selectSuites(
  SUITES.filter((s) => wanted.length === 0 || wanted.includes(s.name)),
  machine,
);

// Prerequisites: check, provide what can be provided, check again.
const needed = expandNeeds(
  plan.filter((p) => p.action === 'run').flatMap((p) => p.suite.needs),
  PREREQUISITES,
);
const missingNow = () => needed.filter((id) => !PREREQUISITES[id].check());
let missing = missingNow();
if (missing.length > 0) {
  const provisioning = planProvisioning(missing, PREREQUISITES, machine);
  if (provisioning.aptPackages.length > 0) installAptPackages(provisioning.aptPackages);
  for (const id of provisioning.local) {
    const blocked = (PREREQUISITES[id].requires ?? []).some((r) => !PREREQUISITES[r].check());
    if (!blocked) provideLocal(PREREQUISITES[id]);
  }
  missing = missingNow();
}
const why = (id) => {
  const p = PREREQUISITES[id];
  if (p.local && !(p.requires ?? []).some((r) => missing.includes(r)))
    return `missing ${p.what}: run \`${p.local.command}\``;
  return installSentence(p, machine.platform, machine.root, machine.apt);
};

const env = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  QB_REAL_CLAUDE: process.env.QB_REAL_CLAUDE || claudeCodeBin(),
};

function runSuite(command) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env });
    child.on('error', (e) => {
      console.error(String(e));
      resolve(false);
    });
    child.on('exit', (code) => resolve(code === 0));
  });
}

const started = Date.now();
const results = [];
for (const entry of plan) {
  const { suite } = entry;
  if (entry.action !== 'run') {
    results.push({ suite, verdict: entry.action === 'skip' ? 'SKIPPED' : 'FAIL', note: entry.reason, s: 0 });
    continue;
  }
  const blockers = expandNeeds(suite.needs, PREREQUISITES).filter((id) => missing.includes(id));
  printf(`\n=== ${suite.name}: ${suite.what}\n`);
  if (blockers.length > 0) {
    const note = blockers.map(why).join('; ');
    console.error(`${suite.name} cannot run: ${note}`);
    results.push({ suite, verdict: 'FAIL', note, s: 0 });
    continue;
  }
  const t0 = Date.now();
  const ok = await runSuite(suite.command);
  results.push({ suite, verdict: ok ? 'PASS' : 'FAIL', s: Math.round((Date.now() - t0) / 1000) });
}

printf('\n=== summary\n');
for (const r of results) {
  const label = r.verdict === 'SKIPPED' ? `SKIPPED (${r.note})` : r.verdict;
  printf(
    `${label.padEnd(7)} ${r.suite.name} (${r.s} s)${r.note && r.verdict === 'FAIL' ? ` — ${r.note}` : ''}\n`,
  );
}
if (plan.some((p) => p.action === 'run' && p.suite.name === 'unit') && !existsSync(electronBinary())) {
  printf(
    'NOTE    the _electron smoke test (test/electron/smoke.test.ts) did not run: no Electron binary at ' +
      'node_modules/electron/dist (npm start fetches it; see docs/electron.md). The real main bundle ran in the ' +
      'stand-in Electron host instead (browser suite).\n',
  );
}
const count = (v) => results.filter((r) => r.verdict === v).length;
const skipped = count('SKIPPED');
printf(
  `suites: ${count('PASS')} passed, ${count('FAIL')} failed${skipped ? `, ${skipped} skipped` : ''} ` +
    `(${Math.round((Date.now() - started) / 1000)} s)\n`,
);
process.exit(count('FAIL') === 0 ? 0 : 1);

function printf(text) {
  process.stdout.write(text);
}

function electronBinary() {
  const dist = join(ROOT, 'node_modules', 'electron', 'dist');
  return process.platform === 'darwin'
    ? join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron')
    : join(dist, 'electron');
}
