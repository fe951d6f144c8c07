/**
 * Where the broker's output goes (docs/doctor.md): the installed service, cron jobs that discard their
 * output (the original failure: a cron job's output went to /dev/null), and the log with its last errors. Pure.
 */
import { isDiscardedOutput } from '../service/read-service-file';
import { formatRelative, RECENT_LOG_ERROR_MS } from './duration';
import type { CronLine, Finding, FindingLevel, GlobalFacts } from './types';

const make = (level: FindingLevel, code: string, message: string, fix: string | null): Finding => ({
  level,
  scope: 'global',
  code,
  message,
  fix,
});

function serviceFindings(g: GlobalFacts): Finding[] {
  const s = g.service;
  const what = s.kind === 'launchd' ? 'launchd agent' : 'systemd user unit';
  if (!s.installed) {
    if (s.kind == null) return [];
    // Informational: when no broker runs, the broker finding already says to install one.
    const who = g.broker.alive ? ` (a ${g.broker.surface ?? 'broker'} is polling)` : '';
    return [
      make(
        'ok',
        'service_absent',
        `no ${what} installed${who}`,
        'to run the broker in the background: quota-broker service install',
      ),
    ];
  }
  const out: Finding[] = [];
  const discarded = [s.stdout, s.stderr].some(isDiscardedOutput);
  if (discarded) {
    out.push(
      make(
        'problem',
        'service_output_discarded',
        `the ${what} ${s.path} sends the broker's output to /dev/null: its failures are invisible`,
        'run: quota-broker service install (rewrites it to log to the state dir)',
      ),
    );
  }
  if (s.missingProgram) {
    out.push(
      make(
        'problem',
        'service_program_missing',
        `the ${what} ${s.path} runs ${s.missingProgram}, which does not exist`,
        'run: quota-broker service install',
      ),
    );
  }
  const logFile = s.stdout?.replace(/^(?:append|file):/, '') ?? null;
  if (!discarded && s.kind && logFile?.startsWith('/') && logFile !== g.log.path) {
    out.push(
      make(
        'warn',
        'service_other_state_dir',
        `the ${what} logs to ${logFile}, not to this shell's ${g.log.path}: it probably uses another state dir (QUOTA_BROKER_HOME)`,
        'run: quota-broker service install from the shell whose QUOTA_BROKER_* settings you use',
      ),
    );
  }
  if (out.length === 0) {
    const dest =
      s.stdout ??
      (s.kind === 'systemd'
        ? 'the journal (journalctl --user -u quota-broker)'
        : 'nowhere (no StandardOutPath)');
    out.push(make('ok', 'service_ok', `${what} installed: ${s.path}; output → ${dest}`, null));
  }
  return out;
}

/** A home-made job beside the broker: what it is, what it does to the broker's work, what to do. */
function homeMadeJobFinding(line: CronLine, where: string): Finding | null {
  const silently = line.discardsOutput
    ? ' with its output sent to /dev/null, so its failures are invisible'
    : '';
  switch (line.kind) {
    case 'refresher':
      return make(
        'problem',
        'cron_refresher',
        `${where} runs a home-made token refresher${silently}: ${line.text}`,
        "remove it (crontab -e): refresh tokens are single-use, so a second refresher beside Claude Code logs accounts out; the broker refreshes under Claude Code's own locks",
      );
    case 'cache_writer':
      return make(
        'problem',
        'cron_cache_writer',
        `${where} runs a home-made quota fetcher that writes the quota cache${silently}: ${line.text}`,
        'remove it (crontab -e): it overwrites the cache the broker writes; keep the broker running instead: quota-broker service install',
      );
    default:
      return null;
  }
}

function cronFindings(g: GlobalFacts): Finding[] {
  const c = g.cron;
  const out: Finding[] = [];
  for (const line of c.lines) {
    const where = `${line.source} line ${line.lineNumber}`;
    const homeMade = homeMadeJobFinding(line, where);
    if (homeMade) out.push(homeMade);
    else if (line.discardsOutput) {
      const what = line.runsBroker ? 'runs quota-broker' : 'touches Claude Code logins';
      out.push(
        make(
          'problem',
          'cron_output_discarded',
          `${where} ${what} with its output sent to /dev/null, so its failures are invisible: ${line.text}`,
          line.runsBroker
            ? `send its output to the log (>> ${g.log.path} 2>&1), or replace the cron job: quota-broker service install`
            : 'remove the job if it refreshes tokens (the broker does that; two refreshers log accounts out), else send its output to a file',
        ),
      );
    } else if (line.runsBroker) {
      out.push(make('ok', 'cron_job', `${where} runs quota-broker and keeps its output: ${line.text}`, null));
    }
  }
  if (out.length === 0) {
    const checked = c.sources.length > 0 ? c.sources.join(', ') : 'nothing';
    out.push(
      make(
        'ok',
        'cron_clean',
        `no cron job discards the broker's output or refreshes Claude Code logins (checked: ${checked})${c.note ? `; ${c.note}` : ''}`,
        null,
      ),
    );
  }
  return out;
}

function logFinding(g: GlobalFacts, now: number): Finding {
  const l = g.log;
  if (!l.exists) return make('ok', 'log_absent', `no log yet at ${l.path} (written by the broker)`, null);
  const recent = l.recentErrors.filter((e) => e.at == null || now - e.at <= RECENT_LOG_ERROR_MS);
  if (recent.length === 0) return make('ok', 'log_ok', `log ${l.path}: no errors in the last 24h`, null);
  const last = recent[recent.length - 1];
  const when = last.at != null ? ` ${formatRelative(last.at, now)}` : '';
  return make(
    'warn',
    'log_errors',
    `log ${l.path}: ${recent.length} error${recent.length === 1 ? '' : 's'} in the last 24h; latest${when}: ${last.text}`,
    `see: tail -n 50 ${l.path}`,
  );
}

/** Service, cron and log findings. */
export function getScheduleFindings(g: GlobalFacts, now: number): Finding[] {
  return [...serviceFindings(g), ...cronFindings(g), logFinding(g, now)];
}
