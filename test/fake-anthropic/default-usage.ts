import { readFileSync } from 'node:fs';

const FIXTURE = new URL('../fixtures/usage-response.json', import.meta.url);

let cached: string | null = null;

/** A fresh copy of the fixture usage answer (the real endpoint's shape). */
export function defaultUsage(): unknown {
  cached ??= readFileSync(FIXTURE, 'utf8');
  return JSON.parse(cached);
}
