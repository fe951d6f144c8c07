interface EnableSwitchProps {
  name: string;
  enabled: boolean;
  /** The broker polls it: green only then (an enabled slot whose login died is on, but idle). */
  polled: boolean;
  pending: boolean;
  onChange(enabled: boolean): void;
}

/**
 * Per-slot on/off switch: a native checkbox with the switch role, labelled "Enabled" on screen and named
 * after the slot. Green only while the broker polls the slot; an enabled slot that waits for a login is
 * on, in a neutral colour.
 */
export function EnableSwitch({ name, enabled, polled, pending, onChange }: EnableSwitchProps) {
  const idle = enabled && !polled;
  return (
    <label
      className={idle ? 'switch switch--idle' : 'switch'}
      title={idle ? `${name} is enabled but not polled until it has a login` : undefined}
    >
      <input
        type="checkbox"
        role="switch"
        className="switch__input"
        checked={enabled}
        aria-checked={enabled}
        aria-busy={pending}
        disabled={pending}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-label={`Enabled: ${name}`}
      />
      <span className="switch__text" aria-hidden="true">
        Enabled
      </span>
    </label>
  );
}
