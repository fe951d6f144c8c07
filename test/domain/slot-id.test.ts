import { describe, expect, it } from 'vitest';
import { isSlotId, SLOT_ID_MAX_LENGTH } from '../../shared/domain/slot-id';

describe('the slot-id rule', () => {
  it.each([
    ['slot-1', true],
    ['a'.repeat(SLOT_ID_MAX_LENGTH), true],
    ['a'.repeat(SLOT_ID_MAX_LENGTH + 1), false],
    ['', false],
    ['Slot-1', false],
    ['slot 1', false],
    ['../etc', false],
    [42, false],
  ])('%j is a slot id: %s', (value, ok) => {
    expect(isSlotId(value)).toBe(ok);
  });
});
