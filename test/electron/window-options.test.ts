import { describe, expect, it } from 'vitest';
import {
  getRendererUrlPrefix,
  isAllowedRequestUrl,
  isLoopbackDashboardUrl,
  isOwnPage,
  isSignInUrl,
} from '../../electron/windows/url-policy';
import { getPopoverWindowOptions } from '../../electron/windows/window-options';

describe('popover window options', () => {
  const options = getPopoverWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', devTools: false });

  it('carries every security flag', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
      preload: '/app/dist/electron/preload.cjs',
    });
  });

  it('is a frameless popover that stays hidden until positioned', () => {
    expect(options).toMatchObject({ frame: false, show: false, skipTaskbar: true, resizable: false });
  });
});

describe('URL policy', () => {
  const prefix = getRendererUrlPrefix('/app/dist/renderer');
  const index = 'file:///app/dist/renderer/index.html';

  it.each([
    ['https://claude.ai/oauth/authorize?x=1', true],
    ['https://platform.claude.com/oauth/authorize', true],
    ['https://console.anthropic.com/login', true],
    ['http://claude.ai/oauth/authorize', false],
    ['https://claude.ai.evil.example/oauth', false],
    ['https://user:pw@claude.ai/', false],
    ['https://evilclaude.ai/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
  ])('isSignInUrl(%s) = %s', (url, ok) => expect(isSignInUrl(url)).toBe(ok));

  it.each([
    ['file:///app/dist/renderer/index.html', true],
    ['file:///app/dist/renderer/assets/index-abc.js', true],
    ['file:///app/dist/renderer/../electron/main.cjs', false],
    ['file:///app/dist/renderer-demo/index.html', false],
    ['https://example.com/x.js', false],
    ['http://127.0.0.1:8080/', false],
  ])('isAllowedRequestUrl(%s) = %s', (url, ok) => expect(isAllowedRequestUrl(url, prefix)).toBe(ok));

  it('allows only a reload of our own page as navigation', () => {
    expect(isOwnPage(`${index}#slot-1`, index)).toBe(true);
    expect(isOwnPage('https://claude.ai/', index)).toBe(false);
    expect(isOwnPage('file:///app/dist/renderer/other.html', index)).toBe(false);
  });

  it('opens only loopback dashboard URLs from our own serve', () => {
    expect(isLoopbackDashboardUrl('http://127.0.0.1:7420/?token=abc')).toBe(true);
    expect(isLoopbackDashboardUrl('http://example.com/?token=abc')).toBe(false);
  });
});
