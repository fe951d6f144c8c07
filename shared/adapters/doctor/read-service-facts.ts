/** The installed service as the doctor sees it: its file, where its output goes, whether its program exists. */
import { access, readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { ServiceFacts } from '../../domain/doctor/types';
import { readLaunchdPlist, readSystemdUnit } from '../../domain/service/read-service-file';
import { getServiceLocation } from '../service/service-paths';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Reads the unit/plist for this platform; a missing file is `installed: false`. Never throws. */
export async function readServiceFacts(
  platform: NodeJS.Platform,
  home: string,
  env: NodeJS.ProcessEnv,
): Promise<ServiceFacts> {
  const where = getServiceLocation(platform, home, env);
  const none: ServiceFacts = {
    kind: where?.kind ?? null,
    path: where?.file ?? null,
    installed: false,
    stdout: null,
    stderr: null,
    command: null,
    missingProgram: null,
  };
  if (!where) return none;
  let text: string;
  try {
    text = await readFile(where.file, 'utf8');
  } catch {
    return none;
  }
  const info = where.kind === 'launchd' ? readLaunchdPlist(text) : readSystemdUnit(text);
  // The interpreter and any script it runs: a moved checkout leaves a service that cannot start.
  const files = info.args.filter((a, i) => isAbsolute(a) && (i === 0 || /\.(c|m)?js$/.test(a)));
  const present = await Promise.all(files.map(exists));
  return {
    ...none,
    installed: true,
    stdout: info.stdout,
    stderr: info.stderr,
    command: info.args.length > 0 ? info.args.join(' ') : null,
    missingProgram: files.find((_, i) => !present[i]) ?? null,
  };
}
