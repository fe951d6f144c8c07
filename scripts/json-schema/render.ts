/**
 * The JSON Schema files in docs/json-schema/, as text, from the valibot schemas of every `--json` output
 * (shared/domain/schemas/output/index.ts). `npm run schemas` writes them; test/docs/json-schemas.test.ts
 * fails when the committed files differ from what this renders.
 */
import { type ConversionConfig, toJsonSchema } from '@valibot/to-json-schema';
import type { GenericSchema } from 'valibot';
import * as v from 'valibot';
import { JSON_OUTPUT_KINDS } from '../../shared/domain/schemas/output/index';

/**
 * The documents describe what the CLI prints, i.e. what the schemas give back: their output types.
 * `finite` has no JSON Schema keyword (JSON has no NaN or Infinity anyway); `transform` only filters
 * (a tolerant reader's list keeps its good items), the type after it is the one before.
 */
/** An entry of a tolerant map or list: `v.fallback(v.nullable(schema), null)`. */
type TolerantItem = GenericSchema & { wrapped?: GenericSchema; fallback?: unknown };

const CONFIG: ConversionConfig = {
  typeMode: 'output',
  errorMode: 'throw',
  ignoreActions: ['finite', 'transform'],
  overrideSchema: ({ valibotSchema }) => {
    // A tolerant map or list (fields.ts mapOf, listOf) reads a bad entry as null and then leaves it out:
    // what it gives back holds no null, so the document says so.
    const schema = valibotSchema as {
      type: string;
      key?: GenericSchema<string>;
      value?: TolerantItem;
      item?: TolerantItem;
    };
    const inner = schema.type === 'record' ? schema.value : schema.type === 'array' ? schema.item : undefined;
    if (inner?.type !== 'nullable' || !('fallback' in inner) || !inner.wrapped) return null;
    const strict =
      schema.type === 'record' && schema.key ? v.record(schema.key, inner.wrapped) : v.array(inner.wrapped);
    const { $schema: _, ...json } = toJsonSchema(strict, CONFIG);
    return json;
  },
};

/** `{ 'status.json': '{…}\n', … }`: each file's exact text. */
export function renderJsonSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const kind of JSON_OUTPUT_KINDS) {
    const { $schema, ...rest } = toJsonSchema(kind.schema, CONFIG);
    const document = {
      $schema,
      title: kind.title,
      description: `Printed by: ${kind.commands.map((c) => `quota-broker ${c}`).join(', ')}. Generated from shared/domain/schemas/output/ by npm run schemas; docs/json.md explains it.`,
      ...rest,
    };
    files[kind.file] = `${JSON.stringify(document, null, 2)}\n`;
  }
  return files;
}
