/** A slot's login died (or its credentials are gone): name the slot and email, offer re-login. */

import { redact } from '../../redact';
import type { ConditionEvaluator } from '../condition';
import { describeSlot, reloginCommand, slotEntries } from '../condition';
import { ALL_INACTIVE_ID } from './all-inactive';

/** One condition per enabled slot whose health is `login_dead` or `no_credentials`. */
export const loginDeadCondition: ConditionEvaluator = (ctx) => ({
  conditions: slotEntries(ctx)
    .filter(([, , state]) => state.condition === 'login_dead' || state.condition === 'no_credentials')
    .map(([id, s, state]) => {
      const dead = state.condition === 'login_dead';
      // The engine's message may already end with the fix; say it once.
      const why = s.last_error?.message
        ? ` ${redact(s.last_error.message).replace(/\s*Run: \S.*$/, '')}`
        : '';
      return {
        id: `login_dead:${id}`,
        kind: 'login_dead' as const,
        severity: 'warning' as const,
        slot: id,
        title: dead ? `${id}: login died` : `${id}: not logged in`,
        body: `${dead ? 'The login for' : 'No credentials for'} ${describeSlot(id, s)}${dead ? ' died' : ''}.${why} Run: ${reloginCommand(id)}`,
        action: { type: 'relogin' as const, slot: id },
        // The all-inactive alert already names this slot and its re-login.
        supersededBy: [ALL_INACTIVE_ID],
      };
    }),
});
