interface EnableSwitchProps {
  name: string;
  enabled: boolean;
  pending: boolean;
  onChange(enabled: boolean): void;
}

/** Per-slot on/off switch: a native checkbox with the switch role, named after the slot. */
export function EnableSwitch({ name, enabled, pending, onChange }: EnableSwitchProps) {
  return (
    <label className="switch" title={enabled ? `Disable ${name}` : `Enable ${name}`}>
      <input
        type="checkbox"
        role="switch"
        className="switch__input"
        checked={enabled}
        aria-checked={enabled}
        aria-busy={pending}
        disabled={pending}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-label={`Enable ${name}`}
      />
    </label>
  );
}
