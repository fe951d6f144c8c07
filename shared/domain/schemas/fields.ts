/**
 * Building blocks of the tolerant readers: a field that is missing or malformed reads as null (unknown)
 * instead of failing the whole file, and a list keeps its good items. Files written by an older or newer
 * Quota Broker, or by a person, are read for what they say (docs/schemas.md).
 */
import * as v from 'valibot';

type AnySchema = v.GenericSchema<unknown, unknown>;

/** The value when it matches `schema`; null when it is missing, null or anything else. */
export function orNull<T extends AnySchema>(schema: T) {
  return v.fallback(v.nullable(schema), null);
}

/** The value when it matches `schema`; absent (undefined) when it is missing or anything else. */
export function orAbsent<T extends AnySchema>(schema: T) {
  return v.fallback(v.optional(schema), undefined);
}

/** A list of the items that match `item` (others are dropped); [] when it is missing or not a list. */
export function listOf<T extends AnySchema>(item: T) {
  return v.fallback(
    v.pipe(
      v.array(orNull(item)),
      v.transform((items) => items.filter((i): i is NonNullable<typeof i> => i !== null)),
    ),
    () => [],
  );
}

/** A map of the entries whose value matches `value` (others are dropped); {} when it is not a map. */
export function mapOf<T extends AnySchema>(value: T) {
  return v.pipe(
    v.record(v.string(), orNull(value)),
    v.transform((entries) => {
      type Item = Exclude<(typeof entries)[string], null>;
      const out: Record<string, Item> = {};
      for (const key of Object.keys(entries)) {
        const item = entries[key];
        if (item !== null) out[key] = item as Item;
      }
      return out;
    }),
  );
}

/** A JSON object (not an array, not null). */
export const JsonObjectSchema = v.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
);

/** A finite number (JSON has no NaN or Infinity, but values built in code can). */
export const FiniteNumberSchema = v.pipe(v.number(), v.finite());

/** Epoch milliseconds. */
export const TimeSchema = FiniteNumberSchema;

/** JSON.parse that answers undefined instead of throwing (its messages may quote the text). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
