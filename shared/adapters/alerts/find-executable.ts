/** Finds a command on PATH without a shell (the notifiers run through execFile). */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The absolute path of `command` in `env.PATH`, or null. An absolute `command` is checked as is. */
export async function findExecutable(command: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (isAbsolute(command)) return (await isExecutable(command)) ? command : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}
