import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../shared/adapters/http/retry-after';

const NOW = Date.parse('2026-02-08T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['120', 120],
    [' 30 ', 30],
    ['1.2', 2],
    ['Sun, 08 Feb 2026 12:01:30 GMT', 90],
    ['Sun, 08 Feb 2026 11:00:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
  ])('%j → %j', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });
});
