/**
 * Crash safety (issue #8): the broker, a separate process in `token_refresh: locked`, is SIGKILLed at random
 * moments of a token refresh against the fake (single-use refresh tokens). The next run must find the
 * login the server considers current, siblings intact, never a stub, no refresh-token reuse.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getRefreshJournalPath,
  REFRESH_JOURNAL_NAME,
} from '../../shared/adapters/credentials/refresh-journal';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { runCli } from '../support/run-cli';
import { createSecretCollector } from '../support/secret-scan';
import { useSeededRandom } from '../support/seeded-random';
import { createTempHome, type TempHome } from '../support/temp-home';
import { startBroker, waitFor, waitForFileEvent } from './support/broker-process';
import { ageLockDirs, findLockDirs, tempFilesIn } from './support/locks';
import { writeReport } from './support/report';

const RUNS = Number(process.env.QB_CRASH_RUNS ?? 40);
const EMAILS = ['crash-1@example.com', 'crash-2@example.com'];
const IDS = ['slot-1', 'slot-2'];
/** Long enough for a dead holder's locks to be stale for everyone (Claude Code's refresh locks: 60 s). */
const LOCKS_AGE_MS = 61_000;

const secrets = createSecretCollector();
let fake: FakeAnthropic;
let home: TempHome;

beforeEach(async () => {
  // Many runs in a few seconds: the server's hourly usage budget is not what this file tests.
  fake = await createFakeAnthropic({ usageBudgetPerHour: 1_000_000 });
});
afterEach(async () => {
  secrets.addTokens(fake.issuedTokens());
  if (home) {
    secrets.scanDirs([home.stateDir]);
    home.cleanup();
  }
  await fake.close();
});
afterAll(() => {
  const { findings, scanned } = secrets.finish();
  expect(findings, `secret scan over ${scanned} files and outputs`).toEqual([]);
});

const expiredAt = () => Date.now() - 60_000;

function makeHome() {
  home = createTempHome({
    fake,
    slots: IDS.map((id, i) => ({ id, email: EMAILS[i], accessExpiresAt: expiredAt() })),
    settings: { token_refresh: 'locked', request_timeout_s: 5, max_calls_per_hour: 1000 },
  });
  return home;
}

/** As if the last cycle ran 10 minutes ago (no cache yet: nothing to age). */
function ageCache(h: TempHome) {
  if (existsSync(h.cache)) h.age(600_000);
}

/** Expires every stored and server-side access token, so the next run refreshes again. */
function expireAll(h: TempHome) {
  ageCache(h);
  for (const [i, id] of IDS.entries()) {
    const doc = h.readCredentials(id);
    doc.claudeAiOauth.expiresAt = expiredAt();
    writeFileSync(h.credentialsPath(id), JSON.stringify(doc), { mode: 0o600 });
    fake.expireAccess(EMAILS[i]);
  }
}

/** The invariants that hold at every moment: parseable, never a stub, siblings kept. */
function expectIntact(h: TempHome, id: string, label: string) {
  const doc = h.readCredentials(id);
  expect(doc.claudeAiOauth.refreshToken, `${label}: stub`).toMatch(/^sk-ant-ort01-test-/);
  expect(doc.claudeAiOauth.accessToken, `${label}: stub`).toMatch(/^sk-ant-oat01-test-/);
  expect(doc.mcpOAuth, `${label}: sibling`).toEqual({ 'server-a': { accessToken: 'mcp-test-token-a' } });
  expect(doc.organizationUuid, `${label}: sibling`).toBe('org-test-1');
  expect(doc.claudeAiOauth.futureField, `${label}: sibling`).toEqual({ keep: true });
}

/** Runs the broker to completion after a kill, as the next cron run / app start would. */
async function recover(h: TempHome) {
  ageLockDirs(
    findLockDirs(
      IDS.map((id) => h.dirOf(id)),
      h.stateDir,
    ),
    LOCKS_AGE_MS,
  );
  ageCache(h);
  const run = await runCli(['refresh', '--quiet'], h.env());
  secrets.addText('recovery refresh', run.stdout + run.stderr);
  return run;
}

interface RunRecord {
  how: 'from start' | 'after journal';
  delayMs: number;
  /** Token answers (200) the server gave during the run. */
  rotations: number;
  /** Slots whose new pair was only in the journal at the kill (saved by it). */
  savedByJournal: number;
  /** Slots whose rotated pair never reached the broker's disk: the request was in flight at the kill. */
  lostInFlight: number;
}

describe('SIGKILL during a locked token refresh', () => {
  it(`at ${RUNS} random moments (half of them after the token answer arrived): whenever the answer had reached the broker, the next run finds the current login; siblings intact, never a stub`, async () => {
    const random = useSeededRandom('crash-safety');
    const h = makeHome();
    const records: RunRecord[] = [];
    for (let run = 0; run < RUNS; run++) {
      expireAll(h);
      fake.resetStats();
      fake.setLatency(run % 3 === 0 ? 0 : 20);
      const how: RunRecord['how'] = run % 2 === 0 ? 'from start' : 'after journal';
      const delayMs = how === 'from start' ? 120 + random.next() * 450 : random.next() * 12;
      const journalSeen = waitForFileEvent(h.dirOf(IDS[0]), REFRESH_JOURNAL_NAME, 10_000);
      const broker = startBroker(['refresh', '--quiet'], h.env());
      if (how === 'from start') await new Promise((r) => setTimeout(r, delayMs));
      else {
        const seen = await journalSeen;
        if (!seen) broker.kill();
        expect(
          seen,
          `run ${run}: no journal written ${(await broker.done).stderr} ${JSON.stringify(records.at(-1))} ${JSON.stringify(h.readCache().slots)}`,
        ).toBe(true);
        if (delayMs >= 1) await new Promise((r) => setTimeout(r, delayMs));
      }
      broker.kill();
      const out = await broker.done;
      secrets.addText(`killed refresh ${run}`, out.stdout + out.stderr);
      const rotations = fake.stats.requests.filter((r) => r.route === 'token' && r.status === 200).length;
      const journaled = IDS.map((id) => existsSync(getRefreshJournalPath(h.dirOf(id))));
      for (const id of IDS) expectIntact(h, id, `run ${run} right after the kill`);

      const next = await recover(h);
      const record: RunRecord = {
        how,
        delayMs: Math.round(delayMs),
        rotations,
        savedByJournal: 0,
        lostInFlight: 0,
      };
      const lost: number[] = [];
      for (const [i, id] of IDS.entries()) {
        expectIntact(h, id, `run ${run} after recovery`);
        expect(existsSync(getRefreshJournalPath(h.dirOf(id))), `run ${run}: journal left`).toBe(false);
        expect(tempFilesIn(h.dirOf(id)), `run ${run}: temp files left`).toEqual([]);
        if (journaled[i]) record.savedByJournal += 1;
        if (h.readCredentials(id).claudeAiOauth.refreshToken === fake.currentRefreshToken(EMAILS[i]))
          continue;
        // Lost: only allowed when the answer had not reached the broker's disk (no journal at the kill).
        expect(journaled[i], `run ${run}: ${id} lost although its answer was journaled`).toBe(false);
        expect(how === 'after journal' && i === 0, `run ${run}: ${id} lost after its journal`).toBe(false);
        lost.push(i);
      }
      record.lostInFlight = lost.length;
      // A login lost in flight is dead (the server rotated it): `refresh` exits 1 exactly when that left
      // no enabled slot active, so a cron job notices; otherwise 0.
      expect(
        next.code,
        `run ${run}: recovery refresh exit (${lost.length} of ${IDS.length} lost)\n${next.stderr}`,
      ).toBe(lost.length === IDS.length ? 1 : 0);
      for (const i of lost) {
        expect(h.readCache().slots[IDS[i]], `run ${run}: ${IDS[i]} lost in flight`).toMatchObject({
          status: 'inactive',
          health: 'login_dead',
        });
        // The user logs in again: a new pair, which the next run picks up.
        const pair = fake.addAccount({ email: EMAILS[i], accessExpiresAt: expiredAt() });
        h.writeCredentials(IDS[i], { ...pair, expiresAt: expiredAt() });
      }
      // Reuse only where a login was lost in flight: the next run posts the spent token once and learns
      // that the login is dead (exactly what Claude Code itself would do).
      expect(fake.stats.refreshReuse, `run ${run}: reuse`).toBe(record.lostInFlight);
      records.push(record);
    }
    writeReport('crash-safety', {
      runs: RUNS,
      seed: random.seed,
      killsAfterJournal: records.filter((r) => r.how === 'after journal').length,
      slotsSavedByJournal: records.reduce((n, r) => n + r.savedByJournal, 0),
      slotsLostInFlight: records.reduce((n, r) => n + r.lostInFlight, 0),
      slotsRefreshed: records.reduce((n, r) => n + r.rotations, 0),
      records,
    });
    // The kills covered the refresh itself, not only the start-up before it.
    expect(records.filter((r) => r.rotations > 0).length).toBeGreaterThanOrEqual(RUNS / 2);
  });
});

describe('the refresh journal', () => {
  /** Claude Code holds both slots' storage-write locks; the broker is killed once both answers are journaled. */
  async function killWhileStorageLocked(h: TempHome) {
    const locks = IDS.map((id) => join(h.dirOf(id), '.storage-write.lock'));
    for (const l of locks) mkdirSync(l); // a live Claude Code writing its store: the broker waits (1–2 s retries)
    const broker = startBroker(['refresh', '--quiet'], h.env());
    const journals = IDS.map((id) => getRefreshJournalPath(h.dirOf(id)));
    expect(await waitFor(() => journals.every((j) => existsSync(j)), 15_000, 5)).toBe(true);
    broker.kill();
    await broker.done;
    for (const [i, id] of IDS.entries()) {
      // The store still holds the spent token: without the journal this login would be gone.
      expect(h.readCredentials(id).claudeAiOauth.refreshToken).not.toBe(fake.currentRefreshToken(EMAILS[i]));
      expect(readFileSync(journals[i], 'utf8')).toContain(fake.currentRefreshToken(EMAILS[i]) ?? '-');
    }
    for (const l of locks) rmSync(l, { recursive: true });
  }

  function expectRestored(h: TempHome) {
    for (const [i, id] of IDS.entries()) {
      expect(h.readCredentials(id).claudeAiOauth.refreshToken).toBe(fake.currentRefreshToken(EMAILS[i]));
      expectIntact(h, id, 'after recovery');
      expect(existsSync(getRefreshJournalPath(h.dirOf(id)))).toBe(false);
      expect(h.readCache().slots[id]).toMatchObject({ status: 'active', health: 'ok' });
    }
    expect(fake.stats.refreshReuse).toBe(0);
  }

  it('killed while Claude Code holds the storage-write lock after the token endpoint answered: the next run writes the journaled login back', async () => {
    const h = makeHome();
    await killWhileStorageLocked(h);
    expect((await recover(h)).code).toBe(0);
    expectRestored(h);
  });

  it('killed before storing, then Claude Code posts the spent token and writes its stub: the next run replaces the stub with the journaled login and the slot stays active', async () => {
    const h = makeHome();
    await killWhileStorageLocked(h);
    for (const id of IDS) {
      // What Claude Code does on invalid_grant: a stub, siblings kept.
      const doc = h.readCredentials(id);
      doc.claudeAiOauth = { ...doc.claudeAiOauth, accessToken: '', refreshToken: '', expiresAt: 0 };
      writeFileSync(h.credentialsPath(id), JSON.stringify(doc), { mode: 0o600 });
    }
    expect((await recover(h)).code).toBe(0);
    expectRestored(h);
  });

  it('a journal older than a re-login is dropped: the new login is kept untouched', async () => {
    const h = makeHome();
    const dir = h.dirOf('slot-1');
    const pair = fake.addAccount({ email: EMAILS[0] });
    h.writeCredentials('slot-1', { ...pair, expiresAt: Date.now() + 3600_000 });
    const before = readFileSync(h.credentialsPath('slot-1'), 'utf8');
    writeFileSync(
      getRefreshJournalPath(dir),
      JSON.stringify({
        version: 1,
        written_at: Date.now() - 60_000,
        sent_fingerprint: '0000000000000000',
        tokens: { accessToken: 'sk-ant-oat01-old', refreshToken: 'sk-ant-ort01-old', expiresAt: Date.now() },
      }),
      { mode: 0o600 },
    );
    const run = await runCli(['refresh', '--quiet'], h.env());
    expect(run.code).toBe(0);
    expect(readFileSync(h.credentialsPath('slot-1'), 'utf8')).toBe(before);
    expect(existsSync(getRefreshJournalPath(dir))).toBe(false);
  });
});
