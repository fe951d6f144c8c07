import { afterEach, describe, expect, it } from 'vitest';
import { connectToHost, takeDashboardToken } from '../../renderer/host';
import { createFakeApi } from './fake-api';

afterEach(() => {
  window.quotaApi = undefined;
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('host selection', () => {
  it('prefers the API the Electron preload exposed', () => {
    const api = createFakeApi('pending');
    window.quotaApi = api;
    expect(connectToHost(window).api).toBe(api);
  });

  it('takes the dashboard token from the URL and leaves it there, so a reload still gets in', () => {
    window.history.replaceState(null, '', '/?token=s3cret&x=1#top');
    expect(takeDashboardToken(window)).toBe('s3cret');
    expect(window.location.search).toBe('?token=s3cret&x=1');
    expect(window.sessionStorage.length).toBe(0);
  });

  it('builds the HTTP transport when a token is present and explains when it is not', () => {
    window.history.replaceState(null, '', '/');
    const missing = connectToHost(window);
    expect(missing.api).toBeNull();
    expect(missing.problem).toMatch(/no access token/);

    window.history.replaceState(null, '', '/?token=abc');
    const connected = connectToHost(window);
    expect(connected.api).not.toBeNull();
    expect(typeof connected.api?.getState).toBe('function');
  });
});
