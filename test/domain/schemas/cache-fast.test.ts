/**
 * The statusline's hand-checked cache reader gives the same answers as the cache schema, for every
 * field the schema declares: each one is probed with valid, malformed and missing values, at the top
 * level, in a slot and inside the nested objects. A field added to the schema and not to the hand
 * reader fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CacheFileSchema,
  CacheSlotSchema,
  parseCacheText,
  parseCacheValue,
} from '../../../shared/domain/schemas/cache';
import { parseCacheTextFast, parseCacheValueFast } from '../../../shared/domain/schemas/cache-fast';

const MISSING = Symbol('missing');
/** Values every field is tried with: right and wrong types, each word of each word list, nested shapes. */
const PROBES: unknown[] = [
  MISSING,
  null,
  0,
  -3,
  1.5,
  1_770_000_000_000,
  '',
  'x',
  true,
  false,
  [],
  {},
  ['a'],
  'active',
  'inactive',
  'ok',
  'stale',
  'login_dead',
  'endpoint',
  'statusline',
  { utilization: 5 },
  { utilization: 5, resets_at: 'r' },
  { utilization: '5', resets_at: 'r' },
  { utilization: 5, resets_at: 7 },
  { kind: 'offline', message: 'm', at: 1 },
  { kind: 'offline', message: 'm' },
  { kind: 'nope', message: 'm', at: 1 },
  [{ model: 'Opus', utilization: 1, resets_at: 2 }, { model: 'Opus' }, 'x', { model: 'S', utilization: 3 }],
  { is_enabled: true },
  { is_enabled: true, used: 5, limit: 'x', currency: 'USD' },
  { is_enabled: 'yes' },
  { pid: 1, app: 'quota-broker', app_version: '0.1.0' },
  { pid: '1', app: 'quota-broker', app_version: '0.1.0' },
];

const slot = {
  email: 'a@example.com',
  status: 'active',
  health: 'ok',
  last_fetched: 1,
  five_hour: { utilization: 1, resets_at: null },
  config_dir: '/c',
};

function withField(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...base };
  if (value === MISSING) delete out[key];
  else out[key] = value;
  return out;
}

function expectSame(value: unknown): void {
  const schema = parseCacheValue(value);
  const fast = parseCacheValueFast(value);
  // The same JSON text (so the same keys in the same order) and the same values.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(schema));
  expect(fast).toEqual(schema);
}

describe('the hand-checked cache reader (statusline) against the cache schema', () => {
  it.each(Object.keys(CacheFileSchema.entries))('top-level field %s', (key) => {
    for (const probe of PROBES) expectSame(withField({ ts: 1, slots: { 's-1': slot } }, key, probe));
  });

  it.each(Object.keys(CacheSlotSchema.entries))('slot field %s', (key) => {
    for (const probe of PROBES) expectSame({ ts: 1, slots: { 's-1': withField(slot, key, probe) } });
  });

  it.each([
    ['five_hour', { utilization: 1, resets_at: 'r' }],
    ['last_error', { kind: 'offline', message: 'm', at: 1 }],
    ['extra_usage', { is_enabled: true, used: 1, limit: 2, currency: 'USD' }],
  ])('fields inside %s', (key, nested) => {
    for (const inner of Object.keys(nested)) {
      for (const probe of PROBES) {
        expectSame({ ts: 1, slots: { 's-1': { ...slot, [key]: withField(nested, inner, probe) } } });
      }
    }
  });

  it('fields inside weekly_by_model items and the writer', () => {
    const limit = { model: 'Opus', utilization: 1, resets_at: 'r' };
    const writer = { pid: 1, app: 'a', app_version: 'v' };
    for (const inner of Object.keys(limit))
      for (const probe of PROBES)
        expectSame({
          ts: 1,
          slots: { 's-1': { ...slot, weekly_by_model: [withField(limit, inner, probe)] } },
        });
    for (const inner of Object.keys(writer))
      for (const probe of PROBES) expectSame({ ts: 1, writer: withField(writer, inner, probe), slots: {} });
  });

  it.each([
    ['not JSON', '{"slots"'],
    ['a list', '[1]'],
    ['no slots', '{"ts":1}'],
    ['slot entries that are not objects', '{"slots":{"a":1,"b":[],"c":null,"d":{}}}'],
    ['keys an object cannot hold safely', '{"slots":{"__proto__":{"email":"x"},"constructor":{},"ok":{}}}'],
    [
      'the legacy fixture',
      readFileSync(join(import.meta.dirname, '../../fixtures/legacy-setup/merged-quota-cache.json'), 'utf8'),
    ],
  ])('whole files: %s', (_name, text) => {
    expect(JSON.stringify(parseCacheTextFast(text))).toBe(JSON.stringify(parseCacheText(text)));
  });

  it('the probes reach both outcomes (the comparison is not between two empty answers)', () => {
    const health = PROBES.map((p) => parseCacheValueFast({ slots: { s: withField(slot, 'health', p) } }));
    const values = health.map((r) => (r.ok ? r.cache.slots.s.health : 'error'));
    expect(values).toContain('ok');
    expect(values).toContain(null);
  });
});
