/**
 * `slots list --json` (docs/json.md): the registry's slots in its order. JSON Schema:
 * docs/json-schema/slots.json, generated from this.
 */
import * as v from 'valibot';
import { SlotStatusSchema } from '../common';

export const SlotsListJsonSchema = v.object({
  /** The registry file read (it may not exist yet: then `slots` is empty). */
  registry: v.string(),
  slots: v.array(
    v.object({
      id: v.string(),
      /** The registry's `email`, else the account's address as the broker last saw it; null when unknown. */
      email: v.nullable(v.string()),
      /** As written in the registry. */
      config_dir: v.string(),
      /** The account plain `claude` uses (CLAUDE_CONFIG_DIR unset). */
      default: v.boolean(),
      status: SlotStatusSchema,
      enabled: v.boolean(),
      label: v.nullable(v.string()),
    }),
  ),
});

export type SlotsListJson = v.InferOutput<typeof SlotsListJsonSchema>;
