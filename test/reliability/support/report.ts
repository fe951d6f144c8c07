/**
 * Reliability tests write what they measured to `test/reliability/.results/<name>.json` (git-ignored
 * scratch; docs/RELIABILITY.md quotes a run) and print a one-line summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', '.results');

/** Saves `data` as the latest measurement of `name`. */
export function writeReport(name: string, data: unknown): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}
