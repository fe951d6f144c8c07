/**
 * Appends that either land whole or leave the file as it was: history.jsonl and broker.log. A full
 * disk can take half a line; the half is cut off again, so the next line does not start inside it.
 */
import type { FileSystem } from '../../ports/file-system';
import { nodeFileSystem } from './node-file-system';

/**
 * Appends `data` to `path` (created with `mode` when missing). On failure the file is cut back to its
 * size before (or removed when this call created it) and the node error is rethrown.
 *
 * Another process appending at the same moment as a failed append may lose its line in the cut; only
 * a failing disk gets here, and a torn line would cost at least as much.
 */
export function appendOrRollBack(
  path: string,
  data: string,
  mode: number,
  fs: FileSystem = nodeFileSystem,
): void {
  const before = fs.sizeSync(path);
  try {
    fs.appendSync(path, data, mode);
  } catch (error) {
    try {
      if (before === null) fs.unlinkSync(path);
      else fs.truncateSync(path, before);
    } catch {
      // Nothing was written, or the disk refuses even this: the error below says why.
    }
    throw error;
  }
}
