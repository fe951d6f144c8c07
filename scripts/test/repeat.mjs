// `npm run test:repeat -- N [project …]`: runs the unit, renderer and reliability projects (or the
// projects named) N times and reports every test that failed even once, with how often. A test that
// fails one run in twenty rejects good work at random: this is how to find it before CI does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [countArg, ...projectArgs] = process.argv.slice(2);
const runs = Number(countArg ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(
    'usage: npm run test:repeat -- N [project …]   (N ≥ 1; default projects: unit renderer reliability)',
  );
  process.exit(64);
}
const projects = projectArgs.length > 0 ? projectArgs : ['unit', 'renderer', 'reliability'];
const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'qb-repeat-'));
const failures = new Map(); // "file › test" → { count, first message }
const times = [];

try {
  for (let i = 1; i <= runs; i++) {
    const out = join(dir, `run-${i}.json`);
    const started = Date.now();
    const r = spawnSync(
      'npx',
      [
        'vitest',
        'run',
        ...projects.flatMap((p) => ['--project', p]),
        '--reporter=json',
        `--outputFile=${out}`,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 << 20 },
    );
    const seconds = Math.round((Date.now() - started) / 1000);
    times.push(seconds);
    let report;
    try {
      report = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      console.error(
        `run ${i}: vitest wrote no report (exit ${r.status}):\n${(r.stderr || r.stdout).slice(-2000)}`,
      );
      failures.set('(the run itself)', {
        count: (failures.get('(the run itself)')?.count ?? 0) + 1,
        message: '',
      });
      continue;
    }
    let failed = 0;
    for (const file of report.testResults) {
      const name = file.name.replace(root, '');
      if (file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed')) {
        const key = `${name} (the file: ${file.message?.split('\n')[0] ?? 'failed to run'})`;
        failures.set(key, { count: (failures.get(key)?.count ?? 0) + 1, message: file.message ?? '' });
        failed++;
      }
      for (const a of file.assertionResults) {
        if (a.status !== 'failed') continue;
        failed++;
        const key = `${name} › ${a.fullName}`;
        const seen = failures.get(key);
        failures.set(key, {
          count: (seen?.count ?? 0) + 1,
          message: seen?.message ?? a.failureMessages?.[0] ?? '',
        });
      }
    }
    console.log(`run ${i}/${runs}: ${report.numPassedTests} passed, ${failed} failed (${seconds} s)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\n${runs} runs of ${projects.join(', ')}: ${times.join(' s, ')} s`);
if (failures.size === 0) {
  console.log('No test failed in any run.');
  process.exit(0);
}
console.log('Tests that failed at least once:');
for (const [key, { count, message }] of failures) {
  console.log(`  ${count}/${runs}  ${key}`);
  if (message) console.log(`         ${message.split('\n')[0].slice(0, 300)}`);
}
process.exit(1);
