/**
 * `service status --json` (docs/json.md): whether the daemon is installed as a service, running, and
 * where its output goes. JSON Schema: docs/json-schema/service-status.json, generated from this.
 */
import * as v from 'valibot';

export const ServiceStatusJsonSchema = v.object({
  /** Null where the platform has no service support. */
  kind: v.nullable(v.picklist(['systemd', 'launchd'])),
  /** The unit/plist path (also when it is not installed). */
  path: v.nullable(v.string()),
  installed: v.boolean(),
  /** What the service manager says; null when not installed. */
  state: v.nullable(v.picklist(['active', 'inactive', 'unknown'])),
  /** Its own word for it (`activating`, `not loaded`, …). */
  detail: v.nullable(v.string()),
  /** The command line it runs, as written. */
  command: v.nullable(v.string()),
  /** Output destinations; null when the file does not say (the journal / launchd's default). */
  stdout: v.nullable(v.string()),
  stderr: v.nullable(v.string()),
  /** Its output goes to /dev/null. */
  output_discarded: v.boolean(),
  /** The first program its command names that does not exist, else null. */
  missing_program: v.nullable(v.string()),
  /** Installed, its programs exist and its output is kept: exit 0. */
  healthy: v.boolean(),
});

export type ServiceStatusJson = v.InferOutput<typeof ServiceStatusJsonSchema>;
