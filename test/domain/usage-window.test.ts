import { describe, expect, it } from 'vitest';
import { getWindowPhase } from '../../shared/domain/usage-window';

const NOW = Date.parse('2026-02-08T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('getWindowPhase', () => {
  it.each([
    ['no window', null, { phase: 'none' }],
    ['no reset time', { utilization: 37, resets_at: null }, { phase: 'no_reset', utilization: 37 }],
    [
      'an unreadable reset time',
      { utilization: 37, resets_at: 'soon' },
      { phase: 'no_reset', utilization: 37 },
    ],
    [
      'a reset just passed',
      { utilization: 84, resets_at: iso(NOW - 1) },
      { phase: 'reset', resetAt: NOW - 1 },
    ],
    ['a reset exactly now', { utilization: 84, resets_at: iso(NOW) }, { phase: 'reset', resetAt: NOW }],
    [
      'counting down',
      { utilization: 84, resets_at: iso(NOW + 47 * 60_000) },
      { phase: 'running', utilization: 84, resetAt: NOW + 47 * 60_000, leftMs: 47 * 60_000 },
    ],
  ])('%s', (_name, window, phase) => {
    expect(getWindowPhase(window, NOW)).toEqual(phase);
  });
});
