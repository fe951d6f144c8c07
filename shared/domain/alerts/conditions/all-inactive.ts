/** All enabled slots inactive: the original failure, so it is critical and names every way back. */
import type { CacheSlot } from '../../types';
import type { ConditionEvaluator } from '../condition';
import { describeSlot, isEnabledSlot, reloginCommand, slotEntries } from '../condition';

export const ALL_INACTIVE_ID = 'all_inactive';

function reason(slot: CacheSlot): string {
  if (slot.health === 'login_dead') return 'login died';
  if (slot.health === 'no_credentials') return 'not logged in';
  return 'inactive';
}

/** True when the cache says every enabled slot is inactive (and there is at least one). */
export const allInactiveCondition: ConditionEvaluator = (ctx) => {
  const enabled = slotEntries(ctx).filter(([, s]) => isEnabledSlot(s));
  const allInactive = ctx.engine.cache.all_inactive || enabled.every(([, s]) => s.status === 'inactive');
  if (enabled.length === 0 || !allInactive) return { conditions: [] };
  const lines = enabled.map(([id, s]) => `${describeSlot(id, s)}: ${reason(s)}. Run: ${reloginCommand(id)}`);
  return {
    conditions: [
      {
        id: ALL_INACTIVE_ID,
        kind: 'all_inactive',
        severity: 'critical',
        slot: null,
        title: 'All Claude slots are inactive',
        body: `No slot can be used and quota data is no longer refreshed.\n${lines.join('\n')}`,
        action: { type: 'open' },
      },
    ],
  };
};
