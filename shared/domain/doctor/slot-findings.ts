/** All findings for one slot (docs/doctor.md), login first, then activity. Pure. */
import { getActivityFindings } from './slot-activity';
import type { SlotContext } from './slot-context';
import { getLoginFindings } from './slot-login';
import { getStatuslineFindings } from './slot-statusline';
import type { Finding, SlotFacts } from './types';

/** The findings for one slot; a disabled slot gets a single line. */
export function getSlotFindings(slot: SlotFacts, ctx: SlotContext, now: number): Finding[] {
  if (!slot.enabled) {
    return [
      {
        level: 'ok',
        scope: slot.id,
        code: 'disabled',
        message: 'disabled in the registry (enabled: false): no checks, no usage calls',
        fix: null,
      },
    ];
  }
  const login = getLoginFindings(slot, ctx, now);
  return [
    ...login.findings,
    ...getActivityFindings(slot, ctx, now, login.usable),
    ...getStatuslineFindings(slot),
  ];
}

/** True when a slot can serve requests as far as the doctor can tell (for the all-inactive check). */
export function isSlotUsable(findings: Finding[]): boolean {
  return !findings.some((f) =>
    [
      'config_dir_missing',
      'no_credentials',
      'credentials_unreadable',
      'login_dead',
      'inactive',
      'login_expired',
    ].includes(f.code),
  );
}
