/**
 * `engine-state.json` read through its schema: a file the engine wrote comes back unchanged (the idle
 * check compares the JSON text), and a damaged one never stops a cycle — a bad field takes its starting
 * value, a file that is no engine state starts fresh.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emptyEngineState,
  emptySlotState,
  readEngineState,
  writeEngineState,
} from '../../shared/adapters/engine-state-store';
import { nodeFileSystem } from '../../shared/adapters/fs/node-file-system';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qb-engine-state-'));
  file = join(dir, 'engine-state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const written = {
  version: 1 as const,
  slots: {
    'slot-1': {
      next_due_at: 1_770_000_300_000,
      backoff: { until: 1_770_000_600_000, streak: 2, last_delay_ms: 450_000 },
      failure_streak: 0,
      requests: [1_770_000_000_000],
      cred_fingerprint: 'abcdef0123456789',
      inactive_fingerprint: null,
      login_seen_at: 1_769_000_000_000,
      profile_email: 'me@example.com',
      profile_checked_at: 1_770_000_000_000,
    },
  },
  last_good_registry: {
    slots: [{ id: 'slot-1', config_dir: '/c', status: 'active' as const, enabled: true }],
    settings: {
      refresh_interval_s: 300,
      stale_threshold_s: 600,
      token_refresh: 'auto' as const,
      request_timeout_s: 15,
      token_timeout_s: 45,
      max_calls_per_hour: 12,
      observation_fresh_s: 300,
    },
  },
};

describe('the engine state file', () => {
  it('what the engine wrote reads back as the same JSON text', async () => {
    await writeEngineState(file, written, nodeFileSystem);
    expect(JSON.stringify(await readEngineState(file))).toBe(JSON.stringify(written));
  });

  it.each([
    ['missing', null],
    ['not JSON', '{"version": 1, "slots": {'],
    ['another version', '{"version": 2, "slots": {}}'],
    ['slots not a map', '{"version": 1, "slots": []}'],
  ])('%s → a fresh start', async (_name, text) => {
    if (text != null) writeFileSync(file, text);
    expect(await readEngineState(file)).toEqual(emptyEngineState());
  });

  it('a damaged slot keeps its good fields; the bad ones take their starting values', async () => {
    const damaged = {
      version: 1,
      slots: {
        'slot-1': { ...written.slots['slot-1'], backoff: 'soon', requests: [1, 'x', 2], failure_streak: -1 },
        'slot-2': {},
        'slot-3': 'nothing',
      },
      last_good_registry: { slots: 'broken' },
    };
    writeFileSync(file, JSON.stringify(damaged));
    const state = await readEngineState(file);
    expect(state.slots['slot-1']).toEqual({
      ...written.slots['slot-1'],
      backoff: null,
      requests: [1, 2],
      failure_streak: 0,
    });
    expect(state.slots['slot-2']).toEqual(emptySlotState());
    expect(state.slots['slot-3']).toBeUndefined();
    expect(state.last_good_registry).toBeNull();
  });
});
