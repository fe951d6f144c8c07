import { describe, expect, it } from 'vitest';
import { compareIds } from '../../shared/domain/compare-ids';
import { useSeededRandom } from '../support/seeded-random';

describe('compareIds', () => {
  it('orders slot ids as localeCompare does, without loading ICU', () => {
    const rng = useSeededRandom('compare-ids');
    const random = () => rng.next();
    const chars = 'abcdefghijklmnopqrstuvwxyz0123456789-';
    const id = () =>
      Array.from(
        { length: 1 + Math.floor(random() * 8) },
        () => chars[Math.floor(random() * chars.length)],
      ).join('');
    const ids = [...Array.from({ length: 2000 }, id), 'slot-1', 'slot-10', 'slot-2', 'a-b', 'ab', 'a1', '9'];
    expect([...ids].sort(compareIds)).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
  });
});
