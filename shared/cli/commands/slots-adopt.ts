/**
 * `quota-broker slots discover [--add] [--json]` and `slots import <file> [--json]`: adopt an existing
 * setup (docs/contracts.md "Adopting an existing setup"). Each declares its own options.
 */
import type { AdoptCandidate, AdoptReport } from '../../domain/adopt';
import { redact } from '../../domain/redact';
import type { AdoptJson } from '../../domain/schemas/output/adopt';
import { AdoptError, adoptSetup } from '../../host/adopt-setup';
import { CliError } from '../cli-error';
import type { CliContext } from '../context';
import { renderTable } from '../format';

export const SLOTS_ADOPT_HELP = `  slots discover [--add] [--json]             find an existing setup: config dirs with a
                                              stored login (~/.claude, ~/.claude-*,
                                              ~/.claude[0-9]*, and those an old registry
                                              names) and registries in known places
                                              ($QUOTA_BROKER_SESSIONS,
                                              ~/_claude-configs/*/claude-sessions.yaml);
                                              --add adds them, keeping the old registries'
                                              ids, emails, labels and order
  slots import <file> [--json]                add the slots of a registry from anywhere;
                                              the file itself is never changed
                                              (--json: the report for scripts, schema
                                              in docs/json.md)`;

const LOGIN_TEXT: Record<AdoptCandidate['login'], string> = {
  ok: 'login stored',
  logged_out: 'logged out (needs a re-login)',
  absent: 'no login stored',
  unreadable: 'login unreadable',
  unknown: '—',
};

function describeCandidate(c: AdoptCandidate): string[] {
  const where = c.from ?? (c.default ? 'home dir (default account)' : 'home dir');
  const renamed = c.renamedFrom ? ` (was ${c.renamedFrom}: that id is taken)` : '';
  return [`${c.id}${renamed}`, c.email ?? '—', c.config_dir, LOGIN_TEXT[c.login], where];
}

/** The report as a person reads it; `verb` is what the command was asked to do. */
export function renderAdoptReport(report: AdoptReport, mode: 'discover' | 'add' | 'import'): string {
  const lines: string[] = [];
  const others = report.registries.filter((r) => !r.inUse);
  if (mode !== 'import') {
    lines.push(`Registry in use: ${report.registry}`);
    if (others.length === 0) lines.push('No other registry found in the known places.');
    for (const r of others)
      lines.push(
        r.state === 'ok'
          ? `Found registry: ${r.path} (${r.slots} slot${r.slots === 1 ? '' : 's'})`
          : `Found registry: ${r.error}`,
      );
    lines.push('');
  } else if (report.registries[0]?.inUse) {
    return `${report.registries[0].path} is the registry in use already: nothing to import.`;
  }
  const fresh = report.candidates.filter((c) => !c.present);
  const present = report.candidates.filter((c) => c.present);
  if (fresh.length === 0) {
    lines.push(
      report.candidates.length === 0
        ? 'No Claude Code config dir with a stored login was found.'
        : 'Nothing to add: every slot found is in the registry already.',
    );
  } else {
    const added = report.added.length > 0;
    lines.push(added ? `Added to ${report.registry}:` : 'Slots to add, in this order:');
    lines.push(
      renderTable([['ID', 'EMAIL', 'CONFIG DIR', 'LOGIN', 'FOUND IN'], ...fresh.map(describeCandidate)]),
    );
  }
  if (present.length > 0)
    lines.push('', `Already in the registry: ${present.map((c) => `${c.id} (${c.config_dir})`).join(', ')}`);
  lines.push('');
  if (report.added.length > 0)
    lines.push(
      'Each slot is added as active: the broker checks every login on its next cycle (run: quota-broker refresh),',
      'and quota-broker doctor says which ones need a re-login.',
    );
  else if (fresh.length > 0 && mode === 'discover')
    lines.push('To add them: quota-broker slots discover --add');
  return lines.join('\n').trimEnd();
}

/** The report as `--json` prints it (docs/json.md; schema: domain/schemas/output/adopt.ts). */
export function getAdoptJson(report: AdoptReport): AdoptJson {
  return {
    registry: report.registry,
    registries: report.registries.map((r) => ({
      path: r.path,
      in_use: r.inUse,
      state: r.state,
      slots: r.slots,
      error: r.error,
    })),
    candidates: report.candidates.map((c) => ({
      id: c.id,
      config_dir: c.config_dir,
      default: c.default,
      email: c.email,
      label: c.label,
      from: c.from,
      login: c.login,
      present: c.present,
      renamed_from: c.renamedFrom,
    })),
    added: report.added,
  };
}

const renderAdoptJson = (report: AdoptReport) => `${redact(JSON.stringify(getAdoptJson(report), null, 2))}\n`;

async function run(ctx: CliContext, options: { add: boolean; from?: string }): Promise<AdoptReport> {
  try {
    return await adoptSetup(ctx.deps, options);
  } catch (e) {
    if (e instanceof AdoptError) throw new CliError(e.message);
    throw e;
  }
}

/** `slots discover [--add] [--json]` (checked by its table entry). */
export async function slotsDiscoverCommand(
  ctx: CliContext,
  values: { add?: boolean; json?: boolean },
): Promise<number> {
  const report = await run(ctx, { add: Boolean(values.add) });
  ctx.stdout.write(
    values.json ? renderAdoptJson(report) : `${renderAdoptReport(report, values.add ? 'add' : 'discover')}\n`,
  );
  return 0;
}

/** `slots import <file> [--json]` (checked by its table entry: the file is required). */
export async function slotsImportCommand(
  ctx: CliContext,
  values: { json?: boolean },
  args: string[],
): Promise<number> {
  const file = args[0];
  const report = await run(ctx, { add: true, from: file });
  ctx.stdout.write(values.json ? renderAdoptJson(report) : `${renderAdoptReport(report, 'import')}\n`);
  return 0;
}
