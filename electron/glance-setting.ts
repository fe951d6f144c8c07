/** Persists the tray title choice as `settings.tray_title` in the slot registry (comments kept). */
import { editRegistry } from '../shared/adapters/registry/registry-store';
import type { FileSystem } from '../shared/ports/file-system';
import type { GlanceMode } from './tray-state';

/** Registry key under `settings:`; values: recommended | in_use | off. */
export const GLANCE_SETTING_KEY = 'tray_title';

/** Writes the glance mode to the registry through `fs`; the next state push redraws the tray. */
export async function setGlanceModeSetting(
  registryFile: string,
  mode: GlanceMode,
  fs: FileSystem,
): Promise<void> {
  await editRegistry(
    registryFile,
    (doc) => {
      doc.setIn(['settings', GLANCE_SETTING_KEY], mode);
    },
    fs,
  );
}
