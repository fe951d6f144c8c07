import { useMemo } from 'react';
import type { QuotaApi, ReloginProgress } from '../../shared/ipc/contract';
import { getPaceLines } from '../format/pace';
import { useHistory } from '../hooks/use-history';
import type { SlotView } from '../model/slot-view';
import { EnableSwitch } from './enable-switch';
import { LaunchCommand } from './launch-command';
import { ReloginAction } from './relogin-action';
import { SlotFacts } from './slot-facts';
import { SlotNotice } from './slot-notice';
import { SlotStatus } from './slot-status';
import { Sparkline } from './sparkline';
import { UsageBar } from './usage-bar';

/** The sparkline and the pace only need minute resolution; a coarser `now` skips per-second work. */
const SPARKLINE_CLOCK_MS = 60_000;

export interface SlotRowProps {
  api: QuotaApi;
  view: SlotView;
  now: number;
  relogin: ReloginProgress | undefined;
  togglePending: boolean;
  onToggle(slot: string, enabled: boolean): void;
  onRelogin(slot: string): void;
  onCancelRelogin(slot: string): void;
  onDismissRelogin(slot: string): void;
}

/** Whether the re-login panel has something to say for this slot. */
function showsPanel(view: SlotView, progress: ReloginProgress | undefined): progress is ReloginProgress {
  if (!progress || progress.phase === 'cancelled') return false;
  // Once the slot is back, "done" has nothing more to add.
  return progress.phase !== 'done' || view.needsLogin;
}

/**
 * One slot: identity, health, usage windows, history, facts, launch command, and its notice with the
 * re-login. Each part is a row of the card; on a wide screen the cards share those rows (a CSS subgrid),
 * so bars, facts and notices line up across a row of cards.
 */
export function SlotRow(props: SlotRowProps) {
  const { api, view, now, relogin } = props;
  const { slot, id, name } = view;
  const history = useHistory(api, id, slot.last_fetched);
  // Minute resolution is plenty for a projection, and keeps it from recomputing every second.
  const minute = Math.floor(now / SPARKLINE_CLOCK_MS) * SPARKLINE_CLOCK_MS;
  // Where a window is heading matters only for a slot in use: not for one that waits for a login.
  const pace = useMemo(
    () => getPaceLines(slot, view.polled ? history : null, minute),
    [slot, history, minute, view.polled],
  );
  const headingId = `slot-${id}-name`;
  const panel = showsPanel(view, relogin);
  const classes = [
    'slot',
    view.stale && 'slot--stale',
    !view.enabled && 'slot--disabled',
    view.needsLogin && 'slot--dead',
  ];
  return (
    <li className={classes.filter(Boolean).join(' ')} aria-labelledby={headingId} data-slot={id}>
      <div className="slot__head">
        <div className="slot__who">
          <h2 className="slot__name" id={headingId}>
            {name}
          </h2>
          {view.subtitle && <span className="slot__subtitle">{view.subtitle}</span>}
        </div>
        <EnableSwitch
          name={name}
          enabled={view.enabled}
          polled={view.polled}
          pending={props.togglePending}
          onChange={(enabled) => props.onToggle(id, enabled)}
        />
      </div>
      <SlotStatus view={view} />
      <div className="slot__usage">
        <UsageBar label="5h" name="5-hour usage" window={slot.five_hour} now={now} pace={pace.five_hour} />
        <UsageBar label="Week" name="Weekly usage" window={slot.seven_day} now={now} pace={pace.seven_day} />
        {(slot.weekly_by_model ?? []).map((limit) => (
          <UsageBar
            key={limit.model}
            label={limit.model}
            name={`${limit.model} weekly usage`}
            window={limit}
            now={now}
            minor
          />
        ))}
      </div>
      <div className="slot__history">
        <Sparkline points={history} now={minute} />
      </div>
      <SlotFacts view={view} now={now} />
      {view.enabled && !view.needsLogin && <LaunchCommand id={id} name={name} />}
      <SlotNotice view={view} now={now}>
        <ReloginAction
          name={name}
          progress={panel ? relogin : null}
          needsLogin={view.needsLogin}
          onStart={() => props.onRelogin(id)}
          onCancel={() => props.onCancelRelogin(id)}
          onDismiss={() => props.onDismissRelogin(id)}
        />
      </SlotNotice>
    </li>
  );
}
