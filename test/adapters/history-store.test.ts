/**
 * `history.jsonl` read through its schema: the sparkline gets the slot's good points, oldest first, and
 * nothing else — not a torn last line, not another slot's points, not a utilisation that is no number.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../shared/adapters/fs/node-file-system';
import { compactHistory, readHistory } from '../../shared/adapters/history-store';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qb-history-'));
  file = join(dir, 'history.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const T = 1_770_000_000_000;
const LINES = [
  { slot: 'slot-1', t: T + 2000, five_hour: 40, seven_day: 52 },
  { slot: 'slot-2', t: T + 1500, five_hour: 10, seven_day: 11 },
  { slot: 'slot-1', t: T + 1000, five_hour: '39%', seven_day: 51 },
  { slot: 'slot-1', five_hour: 1, seven_day: 1 },
  { t: T + 3000, five_hour: 1, seven_day: 1 },
  'not an object',
].map((l) => JSON.stringify(l));

describe('the history file', () => {
  it("gives one slot's good points oldest first; bad lines are skipped, a bad number is null", async () => {
    writeFileSync(file, `${LINES.join('\n')}\n{"slot":"slot-1","t":${T + 4000},"five_h`);
    expect(await readHistory(file, 'slot-1', T)).toEqual([
      { t: T + 1000, five_hour: null, seven_day: 51 },
      { t: T + 2000, five_hour: 40, seven_day: 52 },
    ]);
    expect(await readHistory(file, 'slot-2', T)).toEqual([{ t: T + 1500, five_hour: 10, seven_day: 11 }]);
    expect(await readHistory(join(dir, 'absent.jsonl'), 'slot-1', T)).toEqual([]);
  });

  it('compaction keeps the good lines and drops the rest', async () => {
    writeFileSync(file, `${LINES.join('\n')}\n`);
    await compactHistory(file, T + 10_000, nodeFileSystem);
    const kept = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(kept.map((p) => [p.slot, p.t])).toEqual([
      ['slot-1', T + 1000],
      ['slot-2', T + 1500],
    ]);
  });
});
