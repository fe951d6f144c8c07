/**
 * docs/json-schema/*.json are generated from the valibot schemas of the --json outputs (npm run schemas):
 * this fails when a committed file differs from what the schemas give now, or one is missing or extra.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../../scripts/json-schema/render';
import { REPO } from '../support/run-cli';

const DIR = join(REPO, 'docs', 'json-schema');

describe('docs/json-schema', () => {
  const files = renderJsonSchemas();

  it('holds one file per kind of --json output, no more', () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(files).sort());
  });

  it.each(Object.keys(files))('%s is up to date (else: npm run schemas)', (name) => {
    expect(readFileSync(join(DIR, name), 'utf8')).toBe(files[name]);
  });

  it('npm run schemas -- --check agrees (the script a person runs)', () => {
    const check = spawnSync(process.execPath, [join(REPO, 'scripts', 'json-schemas.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
