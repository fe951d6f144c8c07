import { describe, expect, it } from 'vitest';
import { shortenAtWord } from '../../../shared/domain/format/shorten';

describe('shortenAtWord', () => {
  it.each([
    ['short enough', 20, 'short enough'],
    ['exactly ten', 11, 'exactly ten'],
    ['refresh token rejected', 16, 'refresh token…'],
    ['refresh token rejected', 14, 'refresh token…'],
    ['refresh token rejected', 15, 'refresh token…'],
    ['one; two three', 9, 'one; two…'],
    ['one; two three', 8, 'one…'],
    ['invalid_grant_for_the_stored_token', 10, 'invalid_g…'],
    ['ünïcödé wörds here', 12, 'ünïcödé…'],
  ])('%j in %i → %j', (text, max, expected) => {
    const out = shortenAtWord(text, max);
    expect(out).toBe(expected);
    expect(Array.from(out).length).toBeLessThanOrEqual(max);
  });
});
