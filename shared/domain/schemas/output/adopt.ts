/**
 * `slots discover --json` and `slots import --json` (docs/json.md): what adopting an existing setup
 * found, and what it added. JSON Schema: docs/json-schema/adopt.json, generated from this.
 */
import * as v from 'valibot';

export const AdoptJsonSchema = v.object({
  /** The broker's registry, where slots are added. */
  registry: v.string(),
  /** Registries found (for `slots import`: the one file), without their slots. */
  registries: v.array(
    v.object({
      path: v.string(),
      /** The registry this broker uses: nothing to import from it. */
      in_use: v.boolean(),
      state: v.picklist(['ok', 'error']),
      slots: v.number(),
      /** Why it could not be read (file:line:col), else null. */
      error: v.nullable(v.string()),
    }),
  ),
  candidates: v.array(
    v.object({
      id: v.string(),
      config_dir: v.string(),
      default: v.boolean(),
      email: v.nullable(v.string()),
      label: v.nullable(v.string()),
      /** The registry it comes from; null for a config dir found in the home dir. */
      from: v.nullable(v.string()),
      login: v.picklist(['ok', 'logged_out', 'absent', 'unreadable', 'unknown']),
      /** Already in the broker's registry: nothing to add. */
      present: v.boolean(),
      /** The id it had where it was found, when that id was taken and it got another. */
      renamed_from: v.nullable(v.string()),
    }),
  ),
  /** Ids added by this run (empty unless asked to add). */
  added: v.array(v.string()),
});

export type AdoptJson = v.InferOutput<typeof AdoptJsonSchema>;
