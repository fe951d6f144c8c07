/** How this installation of quota-broker is started again by absolute path (services, shell functions). */
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** bin/quota-broker.cjs of this installation, by absolute path (npm's symlinks resolved). */
export function getBinPath(): string {
  const script = realpathSync(process.argv[1] ?? '');
  return basename(script) === 'cli.cjs' ? join(dirname(script), '..', 'bin', 'quota-broker.cjs') : script;
}

/** This node and this quota-broker, as the words of a command line. */
export function getSelfCommand(): string[] {
  return [process.execPath, getBinPath()];
}
