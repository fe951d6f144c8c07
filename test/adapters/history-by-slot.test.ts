/** The pace's one read per cycle: every slot's history from history.jsonl, grouped, ordered, bounded. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory, readHistoryBySlot } from '../../shared/adapters/history-store';

describe('readHistoryBySlot', () => {
  it('groups by slot, orders by time, drops old, duplicate and torn lines, and agrees with readHistory', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qb-history-')), 'history.jsonl');
    const line = (slot: string, t: number, five: number | null) =>
      JSON.stringify({ slot, t, five_hour: five, seven_day: 10 });
    writeFileSync(
      file,
      [
        line('a', 300, 30),
        line('b', 100, 5),
        line('a', 100, 10),
        line('a', 50, 1), // before `since`
        line('a', 300, 31), // the same time again: the later line wins, as in readHistory
        line('a', 200, null),
        '{"slot":"b","t":', // a torn last line after a crash
      ].join('\n'),
    );
    const bySlot = await readHistoryBySlot(file, 100);
    expect([...bySlot.keys()].sort()).toEqual(['a', 'b']);
    expect(bySlot.get('a')).toEqual([
      { t: 100, five_hour: 10, seven_day: 10 },
      { t: 200, five_hour: null, seven_day: 10 },
      { t: 300, five_hour: 31, seven_day: 10 },
    ]);
    expect(bySlot.get('a')).toEqual(await readHistory(file, 'a', 100));
    expect(bySlot.get('b')).toEqual(await readHistory(file, 'b', 100));
  });

  it('a missing file is no history', async () => {
    expect((await readHistoryBySlot(join(tmpdir(), 'qb-no-such-dir', 'history.jsonl'), 0)).size).toBe(0);
  });
});
