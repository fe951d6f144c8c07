/**
 * The statusline's hand-checked readers give the same answers as the schemas they stand in for (they
 * exist because loading valibot costs the statusline start-up time): Claude Code's stdin and the
 * observation files. Every field the schema declares is probed with valid, malformed and missing values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObservationSchema, parseObservationText } from '../../../shared/domain/schemas/observation';
import {
  parseStatuslineStdin,
  StatuslineStdinSchema,
  StdinWindowSchema,
} from '../../../shared/domain/schemas/statusline-stdin';
import { parseObservation } from '../../../shared/domain/statusline/observation';
import { readStatuslineStdin } from '../../../shared/domain/statusline/stdin';

const MISSING = Symbol('missing');
const PROBES: unknown[] = [
  MISSING,
  null,
  0,
  -1,
  23.5,
  1_738_425_600,
  1_738_425_600_000,
  Number.NaN,
  '',
  ' 42 ',
  'lots',
  '/home/me/.claude-work/projects/x.jsonl',
  true,
  [],
  {},
  ['a'],
  1,
  { used_percentage: 12 },
  { used_percentage: '12', resets_at: 1_738_425_600 },
  { used_percentage: 12, resets_at: -5 },
  { used_percentage: 12, resets_at: 'soon' },
  { used_percentage: Number.NaN },
  { utilization: 5 },
  { utilization: 5, resets_at: '2026-02-09T04:00:00Z' },
  { utilization: 5, resets_at: 7 },
  { utilization: '5' },
  { five_hour: { used_percentage: 1, resets_at: 2 }, seven_day: 'x' },
];

function withField(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...base };
  if (value === MISSING) delete out[key];
  else out[key] = value;
  return out;
}

const same = (a: unknown, b: unknown) => {
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  expect(a).toEqual(b);
};

describe("the statusline's stdin reader against the stdin schema", () => {
  const base = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../fixtures/statusline-stdin-rate-limits.json'), 'utf8'),
  );

  it.each(Object.keys(StatuslineStdinSchema.entries))('field %s', (key) => {
    for (const probe of PROBES) {
      const stdin = withField(base, key, probe);
      same(readStatuslineStdin(stdin), parseStatuslineStdin(stdin));
    }
  });

  it.each(Object.keys(StdinWindowSchema.entries))('rate_limits.five_hour.%s', (key) => {
    for (const probe of PROBES) {
      const window = withField(base.rate_limits.five_hour, key, probe);
      const stdin = { ...base, rate_limits: { ...base.rate_limits, five_hour: window } };
      same(readStatuslineStdin(stdin), parseStatuslineStdin(stdin));
    }
  });

  it.each([['statusline-stdin.json'], ['statusline-stdin-rate-limits.json']])('the fixture %s', (name) => {
    const stdin = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures', name), 'utf8'));
    same(readStatuslineStdin(stdin), parseStatuslineStdin(stdin));
  });

  it('whole values that are not stdin objects', () => {
    for (const probe of PROBES) same(readStatuslineStdin(probe), parseStatuslineStdin(probe));
  });

  it('the probes reach both outcomes', () => {
    const read = PROBES.map(
      (p) => readStatuslineStdin({ rate_limits: { five_hour: p } }).rate_limits?.five_hour,
    );
    expect(read).toContainEqual({ used_percentage: 12, resets_at: 1_738_425_600 });
    expect(read).toContain(null);
  });
});

describe('the observation reader against the observation schema', () => {
  const base = {
    version: 1,
    slot: 'slot-1',
    config_dir: '/home/me/.claude-1',
    observed_at: 1_770_000_000_000,
    session_id: 's',
    five_hour: { utilization: 5, resets_at: '2026-02-09T04:00:00Z' },
    seven_day: null,
  };
  const both = (value: unknown) => {
    const text = JSON.stringify(value) ?? 'undefined';
    same(parseObservation(text), parseObservationText(text));
  };

  it.each(Object.keys(ObservationSchema.entries))('field %s', (key) => {
    for (const probe of PROBES) both(withField(base, key, probe));
  });

  it.each(['utilization', 'resets_at'])('five_hour.%s', (key) => {
    for (const probe of PROBES) both({ ...base, five_hour: withField(base.five_hour, key, probe) });
  });

  it('text that is not an observation', () => {
    for (const text of ['', '{', '[]', 'null', '{"version":1}', '{"version":2,"observed_at":1}'])
      same(parseObservation(text), parseObservationText(text));
  });

  it('the probes reach both outcomes', () => {
    expect(parseObservation(JSON.stringify(base))).toEqual(base);
    expect(parseObservation(JSON.stringify({ ...base, five_hour: 'x' }))).toBeNull();
  });
});
