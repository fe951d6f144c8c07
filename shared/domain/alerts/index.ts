/** The alert policy's public surface. */

export { openEpisodes } from './episodes';
export type { AlertDecision, AlertPolicyInput } from './policy';
export { decideAlerts } from './policy';
export { isQuietTime } from './quiet-hours';
export type { AlertSettings, AlertSettingsResult, QuietHours, UsageWindowName } from './settings';
export { DEFAULT_ALERT_SETTINGS, getAlertSettings } from './settings';
export { createEmptyAlertState, parseAlertState } from './state';
export type * from './types';
export { ALERT_STATE_VERSION } from './types';
