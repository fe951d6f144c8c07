/**
 * Every `--json` document the CLI prints, one schema per kind (docs/json.md). `npm run schemas` writes
 * each as a JSON Schema to docs/json-schema/<file>; a test fails when the committed files are out of date.
 */
import type { GenericSchema } from 'valibot';
import { AdoptJsonSchema } from './adopt';
import { DaemonEventJsonSchema } from './daemon';
import { DoctorJsonSchema } from './doctor';
import { ServiceStatusJsonSchema } from './service';
import { SlotsListJsonSchema } from './slots';
import { StatusJsonSchema } from './status';

/** One kind of JSON output: its schema, its file under docs/json-schema/, and the commands printing it. */
export interface JsonOutputKind {
  file: string;
  title: string;
  commands: string[];
  schema: GenericSchema;
}

export const JSON_OUTPUT_KINDS: JsonOutputKind[] = [
  {
    file: 'status.json',
    title: 'quota-broker status --json / refresh --json',
    commands: ['status --json', 'refresh --json'],
    schema: StatusJsonSchema,
  },
  {
    file: 'slots.json',
    title: 'quota-broker slots list --json',
    commands: ['slots list --json'],
    schema: SlotsListJsonSchema,
  },
  {
    file: 'adopt.json',
    title: 'quota-broker slots discover --json / slots import --json',
    commands: ['slots discover --json', 'slots import --json'],
    schema: AdoptJsonSchema,
  },
  {
    file: 'service-status.json',
    title: 'quota-broker service status --json',
    commands: ['service status --json'],
    schema: ServiceStatusJsonSchema,
  },
  {
    file: 'daemon-event.json',
    title: 'quota-broker daemon --json (one per line on stderr)',
    commands: ['daemon --json'],
    schema: DaemonEventJsonSchema,
  },
  {
    file: 'doctor.json',
    title: 'quota-broker doctor --json',
    commands: ['doctor --json'],
    schema: DoctorJsonSchema,
  },
];
