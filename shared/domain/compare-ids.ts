/**
 * Orders ids (slot ids, alert ids) by UTF-16 code units. Not `localeCompare`: its first call loads ICU's
 * collation data, 15–80 ms and ~3 MB in every CLI process that sorts (docs/BENCHMARKS.md "Start-up
 * profile"). For slot ids (`[a-z0-9-]`, slot-id.ts) both orders are the same.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
