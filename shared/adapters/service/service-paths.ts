/** Where `quota-broker service` puts its unit or plist, per platform. */
import { join } from 'node:path';
import { LAUNCHD_LABEL, SYSTEMD_UNIT_NAME } from '../../domain/service/service-spec';

export type ServiceKind = 'systemd' | 'launchd';

export interface ServiceLocation {
  kind: ServiceKind;
  /** The unit/plist file. */
  file: string;
}

/**
 * The service file for `platform`: a launchd agent on macOS, a systemd user unit on Linux
 * (`$XDG_CONFIG_HOME/systemd/user`, default `~/.config/systemd/user`); null elsewhere.
 */
export function getServiceLocation(
  platform: NodeJS.Platform,
  home: string,
  env: NodeJS.ProcessEnv,
): ServiceLocation | null {
  if (platform === 'darwin')
    return { kind: 'launchd', file: join(home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`) };
  if (platform === 'linux') {
    const config = env.XDG_CONFIG_HOME || join(home, '.config');
    return { kind: 'systemd', file: join(config, 'systemd', 'user', `${SYSTEMD_UNIT_NAME}.service`) };
  }
  return null;
}
