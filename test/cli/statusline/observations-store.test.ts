import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../../shared/adapters/fs/node-file-system';
import {
  getObservationKey,
  readObservation,
  readObservations,
  writeObservation,
} from '../../../shared/adapters/observations';
import type { Observation } from '../../../shared/domain/statusline/observation';
import { makeTempPaths } from './helpers';

const obs = (slot: string | null, config_dir: string | null): Observation => ({
  version: 1,
  slot,
  config_dir,
  observed_at: 1_770_000_000_000,
  session_id: 's',
  five_hour: { utilization: 10, resets_at: '2026-02-08T04:59:59.000Z' },
  seven_day: null,
});

describe('observation files', () => {
  it('are written atomically as 0600 in a 0700 dir, in the documented shape', () => {
    const { paths } = makeTempPaths();
    writeObservation(paths, 'slot-1', obs('slot-1', '/c'), nodeFileSystem);
    expect(statSync(paths.observationsDir).mode & 0o777).toBe(0o700);
    const file = join(paths.observationsDir, 'slot-1.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(obs('slot-1', '/c'));
    expect(readdirSync(paths.observationsDir)).toEqual(['slot-1.json']); // no temp file left
  });

  it('readObservations returns every valid file by key, skipping garbage and temp files', () => {
    const { paths } = makeTempPaths();
    const dirKey = getObservationKey(null, '/home/me/.claude-new')!;
    writeObservation(paths, 'slot-1', obs('slot-1', '/c'), nodeFileSystem);
    writeObservation(paths, dirKey, obs(null, '/home/me/.claude-new'), nodeFileSystem);
    writeFileSync(join(paths.observationsDir, 'slot-2.json'), '{"version":1,');
    writeFileSync(join(paths.observationsDir, 'slot-3.json.123.tmp'), '{}');
    expect(readObservations(paths)).toEqual({
      'slot-1': obs('slot-1', '/c'),
      [dirKey]: obs(null, '/home/me/.claude-new'),
    });
    expect(readObservation(paths, 'slot-2')).toBeNull();
    expect(readObservation(paths, 'missing')).toBeNull();
  });

  it('no dir yet: nothing, no error', () => {
    const { paths } = makeTempPaths();
    expect(readObservations(paths)).toEqual({});
  });

  it.each([
    ['slot-1', null, 'slot-1'],
    ['Bad Id', null, null],
    [null, null, null],
    [null, '/Users/me/.claude-Work/', /^_dir-claude-work-[0-9a-f]{8}$/],
    [null, '/', /^_dir--[0-9a-f]{8}$/],
  ])('key for slot %s / dir %s', (slot, dir, expected) => {
    const key = getObservationKey(slot, dir);
    if (expected instanceof RegExp) expect(key).toMatch(expected);
    else expect(key).toBe(expected);
  });

  it('different dirs with the same name get different keys; keys cannot escape the dir', () => {
    expect(getObservationKey(null, '/a/.claude-x')).not.toBe(getObservationKey(null, '/b/.claude-x'));
    const { paths } = makeTempPaths();
    expect(() => writeObservation(paths, '../evil', obs(null, null), nodeFileSystem)).toThrow(
      /Not an observation key/,
    );
    expect(readObservation(paths, '../merged-quota-cache')).toBeNull();
  });
});
