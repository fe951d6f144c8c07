import { describe, expect, it } from 'vitest';
import { SLOT_ID_MAX_LENGTH, SLOT_ID_PATTERN } from '../../shared/domain/slot-id';

describe('the slot-id rule', () => {
  it.each([
    ['slot-1', true],
    ['a'.repeat(SLOT_ID_MAX_LENGTH), true],
    ['a'.repeat(SLOT_ID_MAX_LENGTH + 1), false],
    ['', false],
    ['Slot-1', false],
    ['slot 1', false],
    ['../etc', false],
  ])('%j is a slot id: %s', (value, ok) => {
    expect(SLOT_ID_PATTERN.test(value)).toBe(ok);
  });
});
