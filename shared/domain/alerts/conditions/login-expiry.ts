/**
 * Login expiring soon (`login_expires_at` within the warning window), or, where no expiry is known,
 * a reminder after too many days without a re-login (`login_seen_at`).
 */

import type { SlotState } from '../../slot-state';
import type { CacheSlot } from '../../types';
import type { Condition, ConditionContext, ConditionEvaluator } from '../condition';
import { DAY_MS, describeSlot, reloginCommand, slotEntries } from '../condition';
import { formatDuration } from '../format';

function expiring(id: string, s: CacheSlot, state: SlotState): Condition | null {
  const left = state.loginExpiresInMs;
  if (left === null || !state.loginExpiringSoon) return null;
  const when = left > 0 ? `expires in ${formatDuration(left)}` : 'has expired';
  return {
    id: `login_expiring:${id}`,
    kind: 'login_expiring',
    severity: 'warning',
    slot: id,
    title: `${id}: login ${when}`,
    body: `The login for ${describeSlot(id, s)} ${when}. Re-login to keep it working. Run: ${reloginCommand(id)}`,
    action: { type: 'relogin', slot: id },
  };
}

function reminder(ctx: ConditionContext, id: string, s: CacheSlot, seenAt: number): Condition | null {
  const age = ctx.now - seenAt;
  if (ctx.settings.relogin_reminder_days <= 0 || age < ctx.settings.relogin_reminder_days * DAY_MS)
    return null;
  const days = Math.floor(age / DAY_MS);
  return {
    id: `relogin_reminder:${id}`,
    kind: 'relogin_reminder',
    severity: 'info',
    slot: id,
    title: `${id}: no re-login for ${days} days`,
    body: `${describeSlot(id, s)} was last logged in ${days} days ago and its login expiry is unknown. Re-login to be safe. Run: ${reloginCommand(id)}`,
    action: { type: 'relogin', slot: id },
  };
}

/** Evaluates both login-age conditions for every usable slot. */
export const loginExpiryCondition: ConditionEvaluator = (ctx) => {
  const conditions: Condition[] = [];
  for (const [id, s, state] of slotEntries(ctx)) {
    if (!state.polled) continue;
    const c =
      s.login_expires_at != null
        ? expiring(id, s, state)
        : s.login_seen_at != null
          ? reminder(ctx, id, s, s.login_seen_at)
          : null;
    if (c) conditions.push(c);
  }
  return { conditions };
};
