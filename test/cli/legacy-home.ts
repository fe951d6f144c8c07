/**
 * The original incident, replayed on a temp home (test/fixtures/legacy-setup): three Claude Code config
 * dirs (`~/.claude-1..3`) logged in at the fake server, the old registry in the user's own folder, the old
 * scripts' cache 11 hours old, and their crontab behind a stand-in `crontab`. Two logins (slot-1, slot-2)
 * are revoked on the server, their access tokens expired 9 hours ago; slot-3 is alive.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../adapters/claude/stand-in-claude';
import type { FakeAnthropic } from '../fake-anthropic';
import { waitUntil } from '../support/wait';
import { createDoctorHome, type DoctorHome } from './doctor-support';

export const LEGACY = join(import.meta.dirname, '..', 'fixtures', 'legacy-setup');
const HOUR = 3_600_000;

export const LEGACY_SLOTS = [
  { id: 'slot-1', email: 'first@example.com', dirName: '.claude-1' },
  { id: 'slot-2', email: 'second@example.com', dirName: '.claude-2' },
  { id: 'slot-3', email: 'third@example.com', dirName: '.claude-3' },
] as const;

export interface LegacyHome extends DoctorHome {
  /** `~/_claude-configs/hot-swap/claude-sessions.yaml`. */
  oldRegistry: string;
  now: number;
}

/** Shifts an ISO time by `ms`. */
const shiftIso = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/**
 * The old cache with its times moved so that it was written `ageMs` ago (each slot's fetch times and reset
 * times move by the same amount, so their distances stay the incident's).
 */
export function writeOldCache(file: string, now: number, ageMs = 11 * HOUR): void {
  const cache = JSON.parse(readFileSync(join(LEGACY, 'merged-quota-cache.json'), 'utf8'));
  const shift = now - ageMs - cache.ts;
  cache.ts += shift;
  type OldSlot = { last_fetched: number; five_hour: { resets_at: string }; seven_day: { resets_at: string } };
  for (const slot of Object.values(cache.slots) as OldSlot[]) {
    slot.last_fetched += shift;
    for (const w of [slot.five_hour, slot.seven_day]) w.resets_at = shiftIso(w.resets_at, shift);
  }
  writeFileSync(file, JSON.stringify(cache, null, 2));
}

/** Builds the replayed setup; no broker registry exists (the old one lives in the user's folder). */
export function createLegacyHome(fake: FakeAnthropic): LegacyHome {
  const now = Date.now();
  const h = createDoctorHome(fake, {
    slots: LEGACY_SLOTS.map((s) => ({
      ...s,
      accessExpiresAt: s.id === 'slot-3' ? now + 5 * HOUR : now - 9 * HOUR,
    })),
    noRegistry: true,
    crontab: readFileSync(join(LEGACY, 'crontab.txt'), 'utf8').trimEnd(),
  });
  const dir = join(h.home.home, '_claude-configs', 'hot-swap');
  mkdirSync(dir, { recursive: true });
  const oldRegistry = join(dir, 'claude-sessions.yaml');
  copyFileSync(join(LEGACY, 'claude-sessions.yaml'), oldRegistry);
  writeOldCache(h.home.cache, now);
  fake.revokeLogin('first@example.com');
  fake.revokeLogin('second@example.com');
  return { ...h, oldRegistry, now };
}

/** The lines of a command's output, without the trailing empty one. */
export function linesOf(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

/**
 * Asserts that `expected` appear in `lines` in this order (each a whole line, or a RegExp for one): the
 * outputs are checked line by line without pinning lines that only restate paths of the temp home.
 */
export function expectLinesInOrder(lines: string[], expected: (string | RegExp)[]): void {
  let at = 0;
  for (const want of expected) {
    const found = lines.findIndex(
      (line, i) => i >= at && (typeof want === 'string' ? line === want : want.test(line)),
    );
    if (found < 0)
      throw new Error(`expected a line ${String(want)} after line ${at} in:\n${lines.join('\n')}`);
    at = found + 1;
  }
}

/**
 * Waits for the refresh a statusline started detached: it has written the cache (with its `writer`) and
 * exited, so nothing writes into the temp home any more.
 */
export async function waitForDetachedRefresh(h: LegacyHome): Promise<void> {
  await waitUntil(
    () => {
      const writer = h.home.readCache().writer as { pid: number } | null | undefined;
      return writer != null && !isAlive(writer.pid);
    },
    'the detached refresh to write the cache and exit',
    { timeoutMs: 20_000 },
  );
}
