/**
 * Cron jobs that run the broker or touch Claude logins: the user's `crontab -l` (the `crontab` found on
 * PATH; no shell) and the system's /etc/crontab and /etc/cron.d/*. Fast: one short child, a few small files.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getCronLines } from '../../domain/doctor/cron-lines';
import type { CronFacts, CronLine } from '../../domain/doctor/types';
import { keepRedacted } from '../../domain/redact-output';
import { findExecutable } from '../alerts/find-executable';
import { runChild } from '../claude/run-child';

const CRONTAB_TIMEOUT_MS = 2000;

export interface CronSources {
  env: NodeJS.ProcessEnv;
  /** System crontab files and directories; default /etc/crontab and /etc/cron.d. */
  systemFiles?: string[];
  systemDirs?: string[];
}

async function readUserCrontab(
  env: NodeJS.ProcessEnv,
): Promise<{ lines: CronLine[]; source: string | null; note: string | null }> {
  const bin = await findExecutable('crontab', env);
  if (!bin)
    return {
      lines: [],
      source: null,
      note: 'no crontab command on PATH, so user cron jobs were not checked',
    };
  const run = await runChild(bin, ['-l'], { env, timeoutMs: CRONTAB_TIMEOUT_MS, killGraceMs: 200 });
  if (run.exitCode === 0)
    return { lines: getCronLines(run.stdout, 'crontab -l'), source: 'crontab -l', note: null };
  // `crontab -l` exits 1 with "no crontab for <user>" when there is none.
  if (/no crontab/i.test(run.stderr)) return { lines: [], source: 'crontab -l', note: null };
  const why = run.timedOut
    ? 'timed out'
    : (run.spawnError ?? (run.stderr.trim().split('\n')[0] || `exit ${run.exitCode}`));
  return { lines: [], source: null, note: `crontab -l failed (${keepRedacted(why, 120, 'head')})` };
}

async function readSystemFile(file: string): Promise<CronLine[] | null> {
  try {
    return getCronLines(await readFile(file, 'utf8'), file);
  } catch {
    return null;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    // cron ignores names with dots (editor backups, dpkg leftovers).
    return (await readdir(dir)).filter((n) => /^[A-Za-z0-9_-]+$/.test(n)).map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/** Reads every cron source in parallel. Never throws. */
export async function readCronFacts(o: CronSources): Promise<CronFacts> {
  const dirs = o.systemDirs ?? ['/etc/cron.d'];
  const listed = (await Promise.all(dirs.map(listDir))).flat();
  const files = [...(o.systemFiles ?? ['/etc/crontab']), ...listed];
  const [user, ...system] = await Promise.all([readUserCrontab(o.env), ...files.map(readSystemFile)]);
  const sources = [...(user.source ? [user.source] : []), ...dirs, ...(o.systemFiles ?? ['/etc/crontab'])];
  return { sources, note: user.note, lines: [...user.lines, ...system.flatMap((l) => l ?? [])] };
}
