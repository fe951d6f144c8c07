import { describe, expect, it } from 'vitest';
import { decodeUsage } from '../../../shared/adapters/http/decode-usage';
import fixture from '../../fixtures/usage-response.json';

const RESET = '2026-09-02T17:00:00.316321+00:00';

describe('decodeUsage', () => {
  it('decodes the fixture: windows, per-model limits from limits[] and flat keys, extra usage', () => {
    expect(decodeUsage(fixture)).toEqual({
      five_hour: { utilization: 52, resets_at: '2026-08-28T09:50:00.316290+00:00' },
      seven_day: { utilization: 17, resets_at: RESET },
      weekly_by_model: [
        { model: 'Fable', utilization: 64, resets_at: RESET },
        { model: 'Sonnet', utilization: 12, resets_at: RESET },
      ],
      extra_usage: { is_enabled: true, used: 1234, limit: 5000, currency: 'USD' },
    });
  });

  const window = { utilization: 37, resets_at: '2026-02-08T04:59:59.000000+00:00' };
  const table: Array<{ name: string; input: unknown; expected: Record<string, unknown> | null }> = [
    {
      name: 'the documented example with null per-model keys and disabled extra usage',
      input: {
        five_hour: window,
        seven_day: { utilization: 26, resets_at: null },
        seven_day_opus: null,
        seven_day_sonnet: null,
        extra_usage: {
          is_enabled: false,
          monthly_limit: null,
          used_credits: null,
          utilization: null,
          currency: null,
        },
      },
      expected: {
        five_hour: window,
        seven_day: { utilization: 26, resets_at: null },
        weekly_by_model: [],
        extra_usage: { is_enabled: false, used: null, limit: null, currency: null },
      },
    },
    {
      name: 'limits[] only: windows derived from session and weekly_all',
      input: {
        limits: [
          { kind: 'session', percent: 52, resets_at: 'A' },
          { kind: 'weekly_all', percent: 17, resets_at: null },
          { kind: 'weekly_opus', percent: 5, resets_at: 'B', scope: null },
        ],
      },
      expected: {
        five_hour: { utilization: 52, resets_at: 'A' },
        seven_day: { utilization: 17, resets_at: null },
        weekly_by_model: [{ model: 'Opus', utilization: 5, resets_at: 'B' }],
        extra_usage: null,
      },
    },
    {
      name: 'null windows fall back to limits[]; explicit windows win over limits[]',
      input: {
        five_hour: null,
        seven_day: window,
        limits: [{ kind: 'session', percent: 9, resets_at: null }],
      },
      expected: { five_hour: { utilization: 9, resets_at: null }, seven_day: window },
    },
    {
      name: 'per-model limits deduped: limits[] wins over the flat key of the same model',
      input: {
        seven_day_opus: { utilization: 1, resets_at: null },
        seven_day_sonnet: { utilization: 2, resets_at: null },
        limits: [
          { kind: 'weekly_scoped', percent: 40, resets_at: null, scope: { model: { display_name: 'Opus' } } },
          { kind: 'weekly_scoped', percent: 41, resets_at: null, scope: { model: { display_name: 'opus' } } },
          { kind: 'weekly_scoped', percent: 50, resets_at: null, scope: null },
        ],
      },
      expected: {
        weekly_by_model: [
          { model: 'Opus', utilization: 40, resets_at: null },
          { model: 'Sonnet', utilization: 2, resets_at: null },
        ],
      },
    },
    {
      name: 'unknown keys, junk entries and non-numeric utilisation are ignored',
      input: {
        five_hour: { utilization: 'lots', resets_at: 'x' },
        seven_day: { utilization: '26.5', resets_at: 12 },
        new_thing: { utilization: 99 },
        limits: [null, 'x', { kind: 'weekly_scoped' }, { percent: 3 }],
      },
      expected: {
        five_hour: null,
        seven_day: { utilization: 26.5, resets_at: null },
        weekly_by_model: [],
        extra_usage: null,
      },
    },
    {
      name: 'known keys all null: an empty but valid snapshot',
      input: { five_hour: null, seven_day: null },
      expected: { five_hour: null, seven_day: null, weekly_by_model: [], extra_usage: null },
    },
    {
      name: 'numbers as strings are read; extra usage that is a list is none; a scoped limit names its model by id',
      input: {
        extra_usage: [{ is_enabled: true }],
        limits: [
          { kind: 'session', percent: ' 12 ', resets_at: '' },
          { kind: 'weekly_scoped', utilization: '7', scope: { model: { display_name: '', id: 'claude-x' } } },
        ],
      },
      expected: {
        five_hour: { utilization: 12, resets_at: null },
        weekly_by_model: [{ model: 'claude-x', utilization: 7, resets_at: null }],
        extra_usage: null,
      },
    },
    { name: 'no known field at all', input: { type: 'error', message: 'hi' }, expected: null },
    { name: 'an array', input: [fixture], expected: null },
    { name: 'a string', input: 'five_hour', expected: null },
    { name: 'null', input: null, expected: null },
  ];

  it.each(table)('$name', ({ input, expected }) => {
    const got = decodeUsage(input);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject(expected);
  });
});
