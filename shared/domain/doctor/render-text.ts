/** The doctor's human output: one line per finding with its fix, grouped global → slots, then what to do. */

import type { Colours } from '../format/colours';
import { redact } from '../redact';
import { getReportSummary, getWhatToDo } from './report';
import type { DoctorFacts, DoctorReport, Finding } from './types';

const MARKS = { problem: '✗', warn: '!', ok: '✓', info: '·' } as const;

function findingLine(f: Finding, c: Colours): string {
  const paint =
    f.level === 'problem' ? c.red : f.level === 'warn' ? c.yellow : f.level === 'ok' ? c.green : c.dim;
  const mark = paint(MARKS[f.level]);
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
  const fixes = getWhatToDo(report.findings);
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
