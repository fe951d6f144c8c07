/**
 * Persists the tray title choices in the slot registry (comments kept): `settings.tray_title` (which
 * slot) and `settings.tray_title_form` (what about it).
 */
import { editRegistry } from '../shared/adapters/registry/registry-store';
import type { FileSystem } from '../shared/ports/file-system';
import type { GlanceForm, GlanceMode } from './tray-state';

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

/** Registry key under `settings:`; values: usage | pace. */
export const GLANCE_FORM_SETTING_KEY = 'tray_title_form';

/** Writes the glance form to the registry through `fs`; the next state push redraws the tray. */
export async function setGlanceFormSetting(
  registryFile: string,
  form: GlanceForm,
  fs: FileSystem,
): Promise<void> {
  await editRegistry(
    registryFile,
    (doc) => {
      doc.setIn(['settings', GLANCE_FORM_SETTING_KEY], form);
    },
    fs,
  );
}
