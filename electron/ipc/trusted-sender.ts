/**
 * Who may call the IPC handlers (docs/contracts.md "Security"): only our own windows' main frames, showing our own
 * renderer bundle. Pure; electron/fiddle's ipc.ts does the same with a window list.
 */
import { isOwnPage } from '../windows/url-policy';

export interface SenderInfo {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame?.url`; null when the frame is gone. */
  frameUrl: string | null;
  /** True when the sending frame is the top frame. */
  isMainFrame: boolean;
}

export interface TrustPolicy {
  /** webContents ids of the app's own windows. */
  webContentsIds: ReadonlySet<number>;
  /** file:// URL of dist/renderer/index.html. */
  indexUrl: string;
}

/** True when the message comes from our window's top frame showing our renderer. */
export function isTrustedSender(sender: SenderInfo, policy: TrustPolicy): boolean {
  if (!policy.webContentsIds.has(sender.webContentsId)) return false;
  if (!sender.isMainFrame || sender.frameUrl === null) return false;
  return isOwnPage(sender.frameUrl, policy.indexUrl);
}
