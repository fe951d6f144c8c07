import type { ReactNode } from 'react';
import { getSlotNotice } from '../../shared/domain/slot-notice';
import { formatNotice } from '../format/errors';
import type { SlotView } from '../model/slot-view';

/**
 * The one notice under a slot's numbers (shared/domain/slot-notice.ts): red when only the person can
 * help (with the Re-login button, the only place the card says "re-login"), amber while the broker waits
 * out a 429 or the network (with its next try), quiet for an error already resolved.
 */
export function SlotNotice({ view, now, children }: { view: SlotView; now: number; children?: ReactNode }) {
  const notice = getSlotNotice(view.slot, view);
  if (!notice) return children ? <div className="slot__notice">{children}</div> : null;
  const text = formatNotice(notice, view.condition, now);
  return (
    <div className={`slot__notice notice notice--${notice.tone}`} data-notice={notice.kind}>
      <p className="notice__text">
        {text.heading && <strong>{text.heading}: </strong>}
        {text.summary}
        {text.detail && <span className="notice__detail"> {text.detail}</span>}
      </p>
      {text.next && <p className="notice__next">{text.next}</p>}
      {children}
    </div>
  );
}
