/**
 * Global findings (docs/doctor.md): state dir, registry (line:col when it does not parse), cache age,
 * broker running or not, and the `claude` CLI the refresh mode depends on. Pure.
 */

import { CACHE_WRITER_APP } from '../types';
import { formatDuration, formatRelative } from './duration';
import { getEffectiveRefreshMode, START_BROKER_FIX } from './slot-context';
import type { Finding, FindingLevel, GlobalFacts } from './types';

const make = (level: FindingLevel, code: string, message: string, fix: string | null): Finding => ({
  level,
  scope: 'global',
  code,
  message,
  fix,
});

const octal = (mode: number) => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;

/** One problem per state dir or registry that is someone else's or that others can write. */
function trustFindings(g: GlobalFacts): Finding[] {
  return g.untrusted.map((u) => {
    const whose = u.owner === u.uid ? 'yours' : `uid ${u.owner}'s, not yours (uid ${u.uid})`;
    const code = u.what === 'state dir' ? 'state_dir_untrusted' : 'registry_untrusted';
    const message = `the ${u.what} ${u.path} is ${whose}, mode ${octal(u.mode)}: the broker will not write there or run its notify_command`;
    const fix =
      u.reason !== 'owner'
        ? `run: chmod go-w ${u.path}`
        : u.what === 'state dir'
          ? 'set QUOTA_BROKER_HOME to a directory of your own'
          : 'set QUOTA_BROKER_SESSIONS to a file of your own';
    return make('problem', code, message, fix);
  });
}

function stateDirFinding(g: GlobalFacts): Finding | null {
  const { path, exists, mode } = g.stateDir;
  // Someone else's or writable by others: trustFindings says so (chmod 700 is no fix for that).
  if (g.untrusted.some((u) => u.what === 'state dir')) return null;
  if (!exists)
    return make(
      'warn',
      'state_dir_missing',
      `state dir ${path} does not exist yet`,
      'run: quota-broker refresh',
    );
  if (mode != null && (mode & 0o077) !== 0) {
    return make(
      'warn',
      'state_dir_open',
      `state dir ${path} is readable by others (mode ${mode.toString(8)})`,
      `run: chmod 700 ${path}`,
    );
  }
  return null;
}

function registryFindings(g: GlobalFacts, slotCount: number): Finding[] {
  const r = g.registry;
  const out: Finding[] = [];
  if (r.state === 'error') {
    const where = r.line != null ? ` at line ${r.line}, column ${r.col}` : '';
    const fallback =
      g.slotsOrigin === 'last_good'
        ? ' Meanwhile the broker uses the last good registry.'
        : g.slotsOrigin === 'cache'
          ? ' Meanwhile the slots below come from the cache.'
          : '';
    out.push(make('problem', 'registry_invalid', `${r.message}${fallback}`, `edit ${r.path}${where}`));
  } else if (r.state === 'absent') {
    out.push(
      slotCount > 0
        ? make(
            'ok',
            'registry_absent',
            `no registry at ${r.path}; using the default account (~/.claude)`,
            'to add more: quota-broker slots add <id> <config_dir>',
          )
        : make(
            'problem',
            'no_slots',
            `no registry at ${r.path} and no Claude Code login in ~/.claude`,
            'log in with Claude Code (claude), or adopt an existing setup: quota-broker slots discover --add',
          ),
    );
  } else {
    out.push(
      make(
        'ok',
        'registry_ok',
        `registry ${r.path} parses: ${r.slots} slot${r.slots === 1 ? '' : 's'}`,
        null,
      ),
    );
    if (r.slots === 0)
      out.push(
        make(
          'problem',
          'no_slots',
          'the registry lists no slots',
          'run: quota-broker slots add <id> <config_dir>',
        ),
      );
  }
  return out;
}

function cacheFinding(g: GlobalFacts, now: number): Finding {
  const c = g.cache;
  if (c.state === 'absent')
    return make('warn', 'cache_absent', `no cache yet at ${c.path}`, 'run: quota-broker refresh');
  if (c.state === 'error')
    return make(
      'problem',
      'cache_unreadable',
      `${c.message}; statuslines cannot read it`,
      'run: quota-broker refresh (it rewrites the cache)',
    );
  const age = now - c.ts;
  const threshold = g.staleThresholdS * 1000;
  if (age <= threshold) return make('ok', 'cache_fresh', `cache written ${formatRelative(c.ts, now)}`, null);
  const who = g.broker.alive
    ? `the broker (${g.broker.surface ?? '?'} pid ${g.broker.pid ?? '?'}) is running but has not written it since`
    : 'no broker is running';
  const fix = g.broker.alive ? `see the log: ${g.log.path}` : START_BROKER_FIX;
  return make(
    'problem',
    'cache_stale',
    `cache written ${formatRelative(c.ts, now)} (stale after ${formatDuration(threshold)}); ${who}`,
    fix,
  );
}

function brokerFinding(g: GlobalFacts, now: number): Finding {
  const b = g.broker;
  if (b.alive) {
    const cycle = b.lastCycleAt != null ? `, last cycle ${formatRelative(b.lastCycleAt, now)}` : '';
    return make(
      'ok',
      'broker_running',
      `broker running: ${b.surface ?? '?'} pid ${b.pid ?? '?'}${cycle}`,
      null,
    );
  }
  if (b.heartbeatAgeMs != null) {
    return make(
      'warn',
      'broker_lock_stale',
      `a broker (pid ${b.pid ?? '?'}) stopped without releasing its lock (heartbeat ${formatDuration(b.heartbeatAgeMs)} ago); the next broker takes over`,
      START_BROKER_FIX,
    );
  }
  const level: FindingLevel = g.service.installed ? 'problem' : 'warn';
  const why = g.service.installed
    ? ' although a service is installed'
    : '; nothing refreshes the numbers between manual runs';
  const fix = g.service.installed ? serviceStatusFix(g) : START_BROKER_FIX;
  return make(level, 'broker_not_running', `no broker is running${why}`, fix);
}

/** How to look at an installed service that is not running. */
export function serviceStatusFix(g: GlobalFacts): string {
  return g.service.kind === 'launchd'
    ? `run: quota-broker service status; see the log: ${g.log.path}`
    : `run: systemctl --user status quota-broker; see the log: ${g.log.path}`;
}

function claudeFinding(g: GlobalFacts): Finding {
  const mode = getEffectiveRefreshMode(g.tokenRefresh, g.claudeBin);
  const setting = g.tokenRefresh === 'auto' ? `auto → ${mode}` : mode;
  if (g.claudeBin)
    return make('ok', 'claude_cli', `claude CLI: ${g.claudeBin} (token_refresh: ${setting})`, null);
  if (g.tokenRefresh === 'delegate') {
    return make(
      'problem',
      'claude_cli_missing',
      'token_refresh is delegate but no claude CLI was found: expired tokens cannot be refreshed',
      'install Claude Code, or set QUOTA_BROKER_CLAUDE to its path',
    );
  }
  return make('ok', 'claude_cli_missing', `no claude CLI found (token_refresh: ${setting})`, null);
}

/**
 * The cache was written by another program: no `writer` (an old home-made script) or a foreign one. Two
 * writers overwrite each other's numbers, and every reader then shows whichever wrote last.
 */
function foreignWriterFinding(g: GlobalFacts): Finding | null {
  const c = g.cache;
  if (c.state !== 'ok' || c.writer?.app === CACHE_WRITER_APP) return null;
  const who = c.writer
    ? `${c.writer.app} (pid ${c.writer.pid})`
    : 'another program (it has no "writer" field: an old home-made script writes this shape)';
  const jobs = g.cron.lines.filter((l) => l.kind === 'cache_writer');
  const suspects =
    jobs.length > 0 ? ` — likely ${jobs.map((l) => `${l.source} line ${l.lineNumber}`).join(', ')}` : '';
  return make(
    'problem',
    'cache_foreign_writer',
    `the cache ${c.path} was last written by ${who}${suspects}; it and the broker overwrite each other's numbers`,
    `stop that program${jobs.length > 0 ? ' (remove its cron job: crontab -e)' : ''}, then run: quota-broker refresh`,
  );
}

/** The fix that adopts an existing setup. */
export const ADOPT_FIX =
  "run: quota-broker slots discover --add (keeps an old registry's ids, emails, labels and order; the old file is not changed)";

/** An existing setup the broker does not cover yet: an old registry, logged-in config dirs. */
function adoptionFinding(g: GlobalFacts, slotCount: number): Finding | null {
  const { registries, configDirs } = g.unadopted;
  if (registries.length === 0 && configDirs.length === 0) return null;
  const parts = [
    ...registries.map((r) => `registry ${r.path} (${r.slots} slot${r.slots === 1 ? '' : 's'} not in use)`),
    ...(configDirs.length > 0 ? [`config dirs with a stored login: ${configDirs.join(', ')}`] : []),
  ];
  return make(
    slotCount === 0 ? 'problem' : 'warn',
    'setup_not_adopted',
    `an existing setup the broker does not watch: ${parts.join('; ')}`,
    ADOPT_FIX,
  );
}

/** The global findings except service, cron and log (see schedule-findings.ts). */
export function getGlobalFindings(g: GlobalFacts, slotCount: number, now: number): Finding[] {
  const out: Finding[] = trustFindings(g);
  const dir = stateDirFinding(g);
  if (dir) out.push(dir);
  out.push(...registryFindings(g, slotCount));
  const adoption = adoptionFinding(g, slotCount);
  if (adoption) out.push(adoption);
  out.push(cacheFinding(g, now));
  const foreign = foreignWriterFinding(g);
  if (foreign) out.push(foreign);
  out.push(brokerFinding(g, now), claudeFinding(g));
  return out;
}
