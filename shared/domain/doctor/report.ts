/** The doctor's verdict: every finding from the gathered facts, and the exit code (docs/doctor.md). Pure. */
import { getDeliveryFindings } from './delivery-findings';
import { getGlobalFindings } from './global-findings';
import { getScheduleFindings } from './schedule-findings';
import { getSlotContext, reloginFix } from './slot-context';
import { getSlotFindings, isSlotUsable } from './slot-findings';
import { FIND_OUT_FIX } from './slot-login';
import type { DoctorFacts, DoctorReport, Finding } from './types';

/**
 * All findings, global ones first, then each slot's, with the all-inactive verdict on top when every
 * enabled slot is unusable. Exit code 1 when any finding is a problem; warnings keep 0.
 */
export function getDoctorReport(facts: DoctorFacts, now: number): DoctorReport {
  const ctx = getSlotContext(facts.global);
  const perSlot = facts.slots.map((s) => ({ slot: s, findings: getSlotFindings(s, ctx, now) }));
  const enabled = perSlot.filter((p) => p.slot.enabled);
  const dead = enabled.filter((p) => !isSlotUsable(p.findings));
  const findings: Finding[] = [];
  if (enabled.length > 0 && dead.length === enabled.length) {
    findings.push({
      level: 'problem',
      scope: 'global',
      code: 'all_inactive',
      message: `all ${enabled.length} enabled slot${enabled.length === 1 ? ' is' : 's are'} unusable: no account can be used`,
      fix: dead.map((p) => reloginFix(p.slot.id)).join('; '),
    });
  }
  findings.push(
    ...getGlobalFindings(facts.global, facts.slots.length, now),
    ...getScheduleFindings(facts.global, now),
    ...getDeliveryFindings(facts.global, now),
  );
  for (const p of perSlot) findings.push(...p.findings);
  const problems = findings.filter((f) => f.level === 'problem').length;
  const warnings = findings.filter((f) => f.level === 'warn').length;
  return { findings, problems, warnings, exitCode: problems > 0 ? 1 : 0 };
}

/** One sentence for the end of the human output. */
export function getReportSummary(report: DoctorReport, slotCount: number): string {
  const slots = `${slotCount} slot${slotCount === 1 ? '' : 's'}`;
  if (report.problems === 0 && report.warnings === 0) return `Healthy: ${slots}, nothing to do.`;
  const p = `${report.problems} problem${report.problems === 1 ? '' : 's'}`;
  const w = `${report.warnings} warning${report.warnings === 1 ? '' : 's'}`;
  return report.problems === 0 ? `Healthy with ${w} (${slots}).` : `${p}, ${w} (${slots}).`;
}

/**
 * The steps under "What to do:": the problems' fixes, then the command that turns an unknown login into an
 * answer (a warning's fix), each once. A fix that only repeats others (all slots inactive: "relogin a;
 * relogin b", beside each slot's own "relogin a" and "relogin b") is left out.
 */
export function getWhatToDo(findings: readonly Finding[]): string[] {
  const fixes = [
    ...new Set([
      ...findings.filter((f) => f.level === 'problem' && f.fix).map((f) => f.fix as string),
      ...findings.filter((f) => f.fix === FIND_OUT_FIX).map((f) => f.fix as string),
    ]),
  ];
  return fixes.filter((fix) => {
    const parts = fix.split('; ');
    return parts.length === 1 || !parts.every((part) => part !== fix && fixes.includes(part));
  });
}
