/**
 * The engine's dependencies inside the app: the CLI's (paths, credential store, claude CLI) with the
 * app's PATH, the engine log tee'd into electron-log, and Electron notifications.
 */

import type { EngineDeps } from '../shared/engine/deps';
import { createEngineDeps } from '../shared/host/create-engine-deps';
import type { Logger } from '../shared/ports/logger';
import type { Notifier } from '../shared/ports/notifier';
import { teeLogger } from './logging';

/** Builds EngineDeps for the app; `appLogger` receives every engine line too. */
export async function createAppEngineDeps(
  env: NodeJS.ProcessEnv,
  appLogger: Logger,
  notifier: Notifier,
): Promise<EngineDeps> {
  const deps = await createEngineDeps(env);
  return { ...deps, logger: teeLogger(deps.logger, appLogger), notifier };
}
