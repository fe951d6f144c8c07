/**
 * `history.jsonl` in the state dir: one line per slot per fetch, for the UI's sparklines. Bounded: when the
 * file passes HISTORY_MAX_BYTES it is compacted (older than HISTORY_KEEP_MS dropped, at most one point per
 * slot per HISTORY_BUCKET_MS) and rewritten atomically.
 */
import type * as v from 'valibot';
import { type HistoryLineSchema, parseHistoryLine } from '../domain/schemas/history';
import type { CacheFile, HistoryPoint } from '../domain/types';
import type { FileSystem } from '../ports/file-system';
import { appendOrRollBack } from './fs/append';
import { readTextIfExists, writeFileAtomic } from './fs/atomic-write';

export const HISTORY_MAX_BYTES = 512 * 1024;
export const HISTORY_KEEP_MS = 7 * 24 * 3_600_000;
export const HISTORY_BUCKET_MS = 30 * 60_000;

type HistoryLine = v.InferOutput<typeof HistoryLineSchema>;

/**
 * Appends the points that are new in this cache (slots whose data was fetched since their last point)
 * through `fs`: a line lands whole or not at all.
 */
export async function appendHistory(file: string, cache: CacheFile, fs: FileSystem): Promise<void> {
  const { ts } = cache;
  if (ts == null) return; // only a cache that says when it was written can date its points
  const lines: string[] = [];
  for (const [slot, s] of Object.entries(cache.slots)) {
    if (s.last_fetched == null || s.last_fetched < ts - 60_000) continue;
    const point: HistoryLine = {
      slot,
      t: s.last_fetched,
      five_hour: s.five_hour?.utilization ?? null,
      seven_day: s.seven_day?.utilization ?? null,
    };
    lines.push(JSON.stringify(point));
  }
  if (lines.length === 0) return;
  appendOrRollBack(file, `${lines.join('\n')}\n`, 0o600, fs);
  if ((fs.sizeSync(file) ?? 0) > HISTORY_MAX_BYTES) await compactHistory(file, ts, fs);
}

function parseLines(text: string): HistoryLine[] {
  const out: HistoryLine[] = [];
  for (const line of text.split('\n')) {
    // An empty line, or a torn last line after a crash, is no point: skip it.
    const point = line ? parseHistoryLine(line) : null;
    if (point) out.push(point);
  }
  return out;
}

/** Rewrites the file (atomically, through `fs`) keeping the last 7 days, one point per slot per 30 minutes. */
export async function compactHistory(file: string, now: number, fs: FileSystem): Promise<void> {
  const points = parseLines((await readTextIfExists(file)) ?? '');
  const kept = new Map<string, HistoryLine>();
  for (const p of points) {
    if (p.t < now - HISTORY_KEEP_MS) continue;
    kept.set(`${p.slot}:${Math.floor(p.t / HISTORY_BUCKET_MS)}`, p);
  }
  const text = [...kept.values()].map((p) => JSON.stringify(p)).join('\n');
  await writeFileAtomic(file, text ? `${text}\n` : '', { mode: 0o600, fs });
}

/** A slot's points since `since`, oldest first (deduplicated by time). */
export async function readHistory(file: string, slot: string, since: number): Promise<HistoryPoint[]> {
  const byTime = new Map<number, HistoryPoint>();
  for (const p of parseLines((await readTextIfExists(file)) ?? '')) {
    if (p.slot === slot && p.t >= since)
      byTime.set(p.t, { t: p.t, five_hour: p.five_hour, seven_day: p.seven_day });
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/** Every slot's points since `since`, oldest first (deduplicated by time): one read for a whole cycle. */
export async function readHistoryBySlot(file: string, since: number): Promise<Map<string, HistoryPoint[]>> {
  const bySlot = new Map<string, Map<number, HistoryPoint>>();
  for (const p of parseLines((await readTextIfExists(file)) ?? '')) {
    if (p.t < since) continue;
    const byTime = bySlot.get(p.slot) ?? new Map<number, HistoryPoint>();
    byTime.set(p.t, { t: p.t, five_hour: p.five_hour, seven_day: p.seven_day });
    bySlot.set(p.slot, byTime);
  }
  return new Map([...bySlot].map(([slot, byTime]) => [slot, [...byTime.values()].sort((a, b) => a.t - b.t)]));
}
