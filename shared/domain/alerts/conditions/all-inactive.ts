/** All enabled slots inactive: the original failure, so it is critical and names every way back. */
import type { SlotState } from '../../slot-state';
import type { ConditionEvaluator } from '../condition';
import { describeSlot, reloginCommand, slotEntries } from '../condition';

export const ALL_INACTIVE_ID = 'all_inactive';

function reason(state: SlotState): string {
  if (state.condition === 'login_dead') return 'login died';
  if (state.condition === 'no_credentials') return 'not logged in';
  return 'inactive';
}

/** True when the cache says every enabled slot is inactive (and there is at least one). */
export const allInactiveCondition: ConditionEvaluator = (ctx) => {
  const enabled = slotEntries(ctx).filter(([, , state]) => state.enabled);
  const allInactive = ctx.engine.cache.all_inactive || enabled.every(([, s]) => s.status === 'inactive');
  if (enabled.length === 0 || !allInactive) return { conditions: [] };
  const lines = enabled.map(
    ([id, s, state]) => `${describeSlot(id, s)}: ${reason(state)}. Run: ${reloginCommand(id)}`,
  );
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
