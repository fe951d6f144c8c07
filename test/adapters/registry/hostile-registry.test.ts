/**
 * Hostile and careless registries (docs/RELIABILITY.md "Hostile inputs"), driven from outside through
 * loadRegistry on real files: each is a RegistryError naming file:line:col — never an exception, never
 * a silently different registry.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../shared/adapters/registry/registry-store';
import { aliasBomb } from '../../support/hostile-registry';

const dir = mkdtempSync(join(tmpdir(), 'qb-hostile-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function load(text: string) {
  const file = join(dir, `r${n++}.yaml`);
  writeFileSync(file, text);
  return { file, load: await loadRegistry(file) };
}

const ACCOUNT = 'accounts:\n  - id: one\n    config_dir: /tmp/one\n';

describe('hostile registries are located errors', () => {
  it.each([
    [
      'an alias bomb',
      aliasBomb(),
      /:2:\d+: the slot registry expands its YAML aliases \(\*name\) past the limit of 100/,
      2,
    ],
    [
      'a file over 256 KB',
      `${ACCOUNT}# ${'x'.repeat(300 * 1024)}\n`,
      /: the slot registry is \d+ bytes, more than the 262144 allowed/,
      null,
    ],
    [
      'deep nesting',
      `x: ${'['.repeat(100_000)}\n`,
      /: the slot registry (cannot be parsed|is not valid YAML)/,
      1,
    ],
    [
      'a top-level list',
      '- id: one\n  config_dir: /tmp/one\n',
      /:1:1: the top level must be a mapping with accounts: and settings: \(got a list\)/,
      1,
    ],
    ['a top-level string', 'hello\n', /:1:1: the top level must be a mapping/, 1],
    [
      'enabled: no',
      `${ACCOUNT}    enabled: no\n`,
      /:4:14: slot one: enabled must be true or false \(got "no"; YAML reads yes\/no\/on\/off as text\)/,
      4,
    ],
    [
      'default: "true"',
      `${ACCOUNT}    default: "true"\n`,
      /:4:14: slot one: default must be true or false/,
      4,
    ],
    [
      'request_timeout_s: 3000000',
      `${ACCOUNT}settings:\n  request_timeout_s: 3000000\n`,
      /:5:22: settings\.request_timeout_s must be from 1 to 300 \(got 3000000\)/,
      5,
    ],
    [
      'refresh_interval_s: 1e9',
      `${ACCOUNT}settings:\n  refresh_interval_s: 1e9\n`,
      /settings\.refresh_interval_s must be from 60 to 86400/,
      5,
    ],
    [
      'stale_threshold_s: .inf',
      `${ACCOUNT}settings:\n  stale_threshold_s: .inf\n`,
      /settings\.stale_threshold_s must be from 1 to 604800 \(got null\)/,
      5,
    ],
    [
      'max_calls_per_hour: 0',
      `${ACCOUNT}settings:\n  max_calls_per_hour: 0\n`,
      /settings\.max_calls_per_hour must be from 1 to 3600/,
      5,
    ],
  ])('%s', async (_label, text, message, line) => {
    const { file, load: result } = await load(text);
    expect(result.state).toBe('error');
    if (result.state !== 'error') return;
    expect(result.error.name).toBe('RegistryError');
    expect(result.error.message.startsWith(file)).toBe(true);
    expect(result.error.message).toMatch(message);
    expect(result.error.message).toContain('will not overwrite it');
    expect(result.error.line).toBe(line);
  });

  it('the same file without the trouble loads (the checks are not refusing everything)', async () => {
    const ok = await load(
      `anchors: &s {label: Work}\n${ACCOUNT}    enabled: false\n    default: false\nsettings:\n  request_timeout_s: 300\n  refresh_interval_s: 60\n`,
    );
    expect(ok.load).toMatchObject({ state: 'ok', registry: { slots: [{ id: 'one', enabled: false }] } });
    expect((await load('')).load).toMatchObject({ state: 'ok', registry: { slots: [] } });
  });
});
