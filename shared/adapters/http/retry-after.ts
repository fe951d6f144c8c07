/**
 * Parses a Retry-After header: delta-seconds (`0`, `120`) or an HTTP-date. Returns whole seconds from
 * `now` (never negative), or null when the header is absent or unreadable. A `0` is returned as 0: the
 * caller decides what it means (for the usage endpoint it does not mean "retry now").
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | null {
  if (header == null) return null;
  const value = header.trim();
  if (value === '') return null;
  if (/^\d+$/.test(value)) return Number.parseInt(value, 10);
  if (/^\d+\.\d+$/.test(value)) return Math.ceil(Number.parseFloat(value));
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
