/**
 * The dashboard's files over real HTTP, as a browser gets them: the page is never cached (it carries the
 * per-run token); a content-hashed asset comes compressed as the request's Accept-Encoding prefers
 * (brotli, gzip or none; the bytes decompress to the file) and is cached for a year; a file without a
 * hash is sent as it is and not cached; and every file still needs the token.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickEncoding } from '../../shared/host/dashboard/asset-cache';
import { type Dashboard, startDashboard } from '../../shared/host/dashboard/server';

const root = mkdtempSync(join(tmpdir(), 'qb-assets-'));
const JS = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `word-${i % 50}`))};\n`;
const HASHED = 'assets/index-Dv0Agxgq.js';
let dashboard: Dashboard;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><script type="module" src="./${HASHED}"></script><div id="root"></div>`,
  );
  writeFileSync(join(root, HASHED), JS);
  writeFileSync(join(root, 'assets/plain.js'), JS);
  const host = {
    getState: async () => ({ ok: false, error: { code: 'none', message: 'none' } }) as const,
    onState: () => () => undefined,
    onReloginProgress: () => () => undefined,
  };
  dashboard = await startDashboard(host as never, { rendererDir: root });
});
afterAll(async () => {
  await dashboard.close();
  rmSync(root, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: dashboard.port,
      path,
      headers: { Host: `127.0.0.1:${dashboard.port}`, ...headers },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const withToken = (path: string) => `/${path}?token=${dashboard.token}`;

describe('the dashboard’s files', () => {
  it('the page: not cached, its asset URLs carry the token', async () => {
    const page = await get(`/?token=${dashboard.token}`, { 'Accept-Encoding': 'br, gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body.toString()).toContain(`src="./${HASHED}?token=${dashboard.token}"`);
  });

  it.each([
    ['br, gzip, deflate', 'br', (b: Buffer) => brotliDecompressSync(b)],
    ['gzip, deflate, br;q=0', 'gzip', (b: Buffer) => gunzipSync(b)],
    ['br;q=0.5, gzip', 'gzip', (b: Buffer) => gunzipSync(b)],
    ['identity', undefined, (b: Buffer) => b],
    ['', undefined, (b: Buffer) => b],
  ])('a hashed asset with Accept-Encoding "%s": %s, cached for a year', async (accept, encoding, decode) => {
    const answer = await get(withToken(HASHED), accept ? { 'Accept-Encoding': accept } : {});
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe(encoding);
    expect(answer.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(decode(answer.body).toString()).toBe(JS);
    if (encoding) expect(answer.body.length).toBeLessThan(JS.length / 4);
  });

  it('a file without a content hash: sent as it is, not cached', async () => {
    const answer = await get(withToken('assets/plain.js'), { 'Accept-Encoding': 'br, gzip' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body.toString()).toBe(JS);
  });

  it('every file still needs the token; a missing hashed asset is 404', async () => {
    expect((await get(`/${HASHED}`, { 'Accept-Encoding': 'br' })).status).toBe(401);
    expect((await get(withToken('assets/index-AAAAAAAA.js'))).status).toBe(404);
  });
});

describe('choosing an encoding', () => {
  it.each([
    [undefined, 'identity'],
    ['*', 'br'],
    ['gzip;q=0.8, *;q=0.1', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['GZIP', 'gzip'],
  ])('Accept-Encoding %s → %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});
