/**
 * Applies the URL policy to a window (docs/contracts.md "Security"): navigation and new windows denied, webviews
 * refused, permissions refused, remote requests cancelled, the CSP sent as a header too.
 */
import type { Session, Shell, WebContents } from 'electron';
import type { Logger } from '../../shared/ports/logger';
import { CONTENT_SECURITY_POLICY, isAllowedRequestUrl, isOwnPage, isSignInUrl } from './url-policy';

export interface ContentSecurityDeps {
  webContents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
  session: {
    setPermissionRequestHandler: Session['setPermissionRequestHandler'];
    setPermissionCheckHandler: Session['setPermissionCheckHandler'];
    webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'>;
  };
  shell: Pick<Shell, 'openExternal'>;
  /** file:// URL of dist/renderer/index.html. */
  indexUrl: string;
  /** file:// prefix of dist/renderer/. */
  rendererUrlPrefix: string;
  logger: Logger;
}

/** Installs every guard on the popover's webContents and session. */
export function setupContentSecurity(deps: ContentSecurityDeps): void {
  const { webContents, session, shell, logger } = deps;

  webContents.on('will-navigate', (event, url) => {
    if (isOwnPage(url, deps.indexUrl)) return;
    event.preventDefault();
    logger.warn('blocked navigation', { url });
  });
  webContents.on('will-redirect', (event, url) => {
    if (isOwnPage(url, deps.indexUrl)) return;
    event.preventDefault();
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(({ url }) => {
    // The re-login panel's fallback link: open sign-in pages in the user's browser, nothing else.
    if (isSignInUrl(url)) void shell.openExternal(url).catch(() => undefined);
    else logger.warn('blocked new window', { url });
    return { action: 'deny' };
  });

  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, deps.rendererUrlPrefix);
    if (!allowed) logger.warn('blocked request', { url: details.url });
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
