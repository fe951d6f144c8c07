/**
 * The engine's dependencies inside the app: the CLI's (paths, credential store, claude CLI) with the
 * app's PATH, the engine log tee'd into electron-log, and Electron notifications.
 */
import type { Notifier } from '../shared/adapters/alerts/notifier';
import type { Logger } from '../shared/adapters/logger';
import { createCliContext } from '../shared/cli/context';
import type { EngineDeps } from '../shared/engine/deps';
import { teeLogger } from './logging';

/** Builds EngineDeps for the app; `appLogger` receives every engine line too. */
export async function createAppEngineDeps(
  env: NodeJS.ProcessEnv,
  appLogger: Logger,
  notifier: Notifier,
): Promise<EngineDeps> {
  const { deps } = await createCliContext(env);
  return { ...deps, logger: teeLogger(deps.logger, appLogger), notifier };
}
