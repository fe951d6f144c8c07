/** Options several commands share, declared once (each command's table entry picks the ones it takes). */
import { SLOT_ID_PATTERN, SLOT_ID_RULE } from '../../domain/slot-id';
import type { OptionSpec } from './parse-command-line';

/** A boolean flag. */
export function flag(short?: string): OptionSpec & { type: 'boolean' } {
  return short ? { type: 'boolean', short } : { type: 'boolean' };
}

/** A string option; `check` says why a value is wrong (it follows the option's name in the sentence). */
export function text(
  valueName: string,
  check?: (value: string) => string | null,
): OptionSpec & { type: 'string' } {
  return check ? { type: 'string', valueName, check } : { type: 'string', valueName };
}

/** `--json`: machine-readable output. */
export const JSON_OPTION = flag();

/** A TCP port: decimal digits only (no `0x50`, `1e3`, signs or spaces), 0–65535. */
export function checkPort(value: string): string | null {
  return /^\d{1,5}$/.test(value) && Number(value) <= 65535 ? null : 'must be a whole number from 0 to 65535';
}

/** Seconds as plain decimals (`90`, `2.5`), above 0 and at most `max` (timers overflow past ~24 days). */
export function checkSeconds(max: number): (value: string) => string | null {
  return (value) =>
    /^\d+(\.\d+)?$/.test(value) && Number(value) > 0 && Number(value) <= max
      ? null
      : `must be a number of seconds above 0 and at most ${max}`;
}

/** `--slot ID`: the registry's id rule, so a typo is a usage error before anything runs. */
export const SLOT_OPTION = text('a slot id', (value) =>
  SLOT_ID_PATTERN.test(value) ? null : `must match ${SLOT_ID_RULE}`,
);
