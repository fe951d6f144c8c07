/** Money as the API gives it: integer minor units (cents) plus an ISO currency code. */

/**
 * Formats minor units as money: `(1234, 'USD')` → `$12.34`; `(500, 'JPY')` → `¥500`.
 * The currency's own number of decimals decides the divisor. Unknown or missing codes fall back to
 * a plain number with the code appended.
 */
export function formatMinorUnits(amount: number, currency: string | null, locale = 'en-US'): string {
  const code = (currency ?? 'USD').toUpperCase();
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
  } catch {
    return `${(amount / 100).toFixed(2)} ${code}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
