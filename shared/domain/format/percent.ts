/** Percentages as every surface writes them: whole numbers, `37%`, with one word for "unknown". */

/** A utilisation rounded to a whole percent, or null when it is not a finite number. */
export function roundPercent(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null;
}

/** `37%`, or `unknown` (default `—`) when there is no finite number. */
export function formatPercent(value: unknown, unknown = '—'): string {
  const rounded = roundPercent(value);
  return rounded === null ? unknown : `${rounded}%`;
}
