import { formatAge } from '../../shared/domain/format/duration';
import { HEALTH_TEXT } from '../format/slot-text';
import type { SlotView } from '../model/slot-view';

/**
 * Health and status in words and colour, a stale marker with the data's age, and whether it is the
 * recommended slot (here rather than beside the name, which keeps the whole name and email visible).
 */
export function SlotStatus({ view }: { view: SlotView }) {
  const { slot } = view;
  // An old writer's cache does not say: health unknown.
  const health = (slot.health && HEALTH_TEXT[slot.health]) || {
    label: slot.health ?? 'unknown',
    tone: 'muted',
  };
  // `stale` as a health already says it; otherwise a slot can be stale *and* e.g. offline.
  const showStale = view.stale && slot.health !== 'stale';
  return (
    <p className="slot__status">
      <span className={`badge badge--${health.tone}`}>{health.label}</span>
      {showStale && <span className="badge badge--warn">Stale</span>}
      <span className={slot.status === 'active' ? 'status status--active' : 'status status--inactive'}>
        {slot.status === 'active' ? 'Active' : 'Inactive'}
      </span>
      {view.stale && view.dataAgeMs !== null && (
        <span className="slot__age">{formatAge(view.dataAgeMs)} old</span>
      )}
      {view.recommended && <span className="badge badge--recommended">★ Recommended</span>}
    </p>
  );
}
