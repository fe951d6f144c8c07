/** The doctor's human output: one line per finding with its fix, grouped global → slots, then what to do. */

import type { Colours } from '../format/colours';
import { redact } from '../redact';
import { getReportSummary } from './report';
import { FIND_OUT_FIX } from './slot-login';
import type { DoctorFacts, DoctorReport, Finding } from './types';

function findingLine(f: Finding, c: Colours): string {
  const mark = f.level === 'problem' ? c.red('✗') : f.level === 'warn' ? c.yellow('!') : c.green('✓');
  const text =
    f.level === 'problem' ? c.red(f.message) : f.level === 'warn' ? c.yellow(f.message) : f.message;
  return `  ${mark} ${text}${f.fix && f.level !== 'ok' ? c.bold(` → ${f.fix}`) : f.fix ? c.dim(` (${f.fix})`) : ''}`;
}

/** Renders the report; every line is redacted as a last guard (no token can be printed). */
export function renderDoctorText(facts: DoctorFacts, report: DoctorReport, c: Colours): string {
  const lines: string[] = [];
  const scoped = (scope: string) => report.findings.filter((f) => f.scope === scope);
  lines.push(c.bold(`Global (state dir ${facts.global.stateDir.path})`));
  for (const f of scoped('global')) lines.push(findingLine(f, c));
  for (const slot of facts.slots) {
    const who = [slot.email, slot.configDir].filter(Boolean).join(', ');
    lines.push('', c.bold(`${slot.id}${who ? ` (${who})` : ''}`));
    for (const f of scoped(slot.id)) lines.push(findingLine(f, c));
  }
  if (facts.global.openAlerts.length > 0) {
    lines.push('', c.bold('Open alerts'));
    for (const e of facts.global.openAlerts)
      lines.push(`  ${e.severity === 'critical' ? c.red('✗') : c.yellow('!')} ${e.title}`);
  }
  // Problems' fixes, then the command that turns an unknown login into an answer (a warning's fix).
  const fixes = [
    ...new Set([
      ...report.findings.filter((f) => f.level === 'problem' && f.fix).map((f) => f.fix as string),
      ...report.findings.filter((f) => f.fix === FIND_OUT_FIX).map((f) => f.fix as string),
    ]),
  ];
  if (fixes.length > 0) {
    lines.push('', c.bold('What to do:'));
    lines.push(...fixes.map((fix, i) => `  ${i + 1}. ${fix}`));
  }
  const summary = getReportSummary(report, facts.slots.length);
  lines.push(
    '',
    report.problems > 0 ? c.red(c.bold(summary)) : report.warnings > 0 ? c.yellow(summary) : c.green(summary),
  );
  return redact(lines.join('\n'));
}
