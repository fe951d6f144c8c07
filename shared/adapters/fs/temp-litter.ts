/**
 * Temp files a killed writer leaves behind (`writeFileAtomic` names them `.<name>.<pid>.<12 hex>.tmp`).
 * In a config dir they may hold a login, so the broker removes those of its own files whose writer is gone.
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes temp files in `dir` whose target is one of `names` and whose writing process no longer runs.
 * @returns how many were removed. Never throws.
 */
export async function removeDeadTempFiles(dir: string, names: readonly string[]): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    const m = TEMP_NAME.exec(entry);
    if (!m || !names.some((n) => m[1] === n || m[1] === n.replace(/^\./, '')) || isAlive(Number(m[2])))
      continue;
    await unlink(join(dir, entry)).then(
      () => void removed++,
      () => undefined,
    );
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}
