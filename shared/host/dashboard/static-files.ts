/**
 * Serves the built renderer (dist/renderer) with a strict CSP; no directory listing, no path escapes;
 * content-hashed assets compressed and cached long (asset-cache.ts).
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { type AssetBody, type AssetCache, IMMUTABLE_CACHE, isHashedAsset } from './asset-cache';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/**
 * The page's own asset URLs carry the token too (`./assets/x.js?token=…`): the browser fetches them
 * without the page's query, and the server sets no cookie.
 */
export function withTokenInAssetUrls(html: string, token: string): string {
  return html.replace(
    /\b(src|href)="(\.\/assets\/[^"?#]+)"/g,
    (_m, attr: string, url: string) => `${attr}="${url}?token=${encodeURIComponent(token)}"`,
  );
}

/** `urlPath` with its %-escapes decoded, or null when they are broken (a 400, not a crash). */
export function decodeUrlPath(urlPath: string): string | null {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return null;
  }
}

export interface StaticRequest {
  /** The decoded URL path. */
  urlPath: string;
  acceptEncoding: string | undefined;
  token: string;
}

/**
 * Sends `urlPath` from `root` (index.html for `/`); false when there is no such file. The HTML gets the
 * token in its asset URLs and `no-store`; a content-hashed asset comes from `assets` (compressed as the
 * request accepts, cached for a year); anything else is read as it is, `no-store`.
 */
export async function sendStatic(
  root: string,
  request: StaticRequest,
  res: ServerResponse,
  assets: AssetCache,
): Promise<boolean> {
  const rel = request.urlPath === '/' ? 'index.html' : request.urlPath.replace(/^\/+/, '');
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return false;
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  if (
    isHashedAsset(
      file
        .slice(root.length + 1)
        .split(sep)
        .join('/'),
    )
  ) {
    let asset: AssetBody;
    try {
      asset = await assets.get(file, request.acceptEncoding);
    } catch {
      return false;
    }
    res.writeHead(200, {
      'Content-Type': type,
      ...securityHeaders(),
      'Cache-Control': IMMUTABLE_CACHE,
      Vary: 'Accept-Encoding',
      'Content-Length': String(asset.body.length),
      ...(asset.encoding === 'identity' ? {} : { 'Content-Encoding': asset.encoding }),
    });
    res.end(asset.body);
    return true;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return false;
  }
  const isHtml = extname(file) === '.html';
  res.writeHead(200, { 'Content-Type': type, ...securityHeaders() });
  res.end(isHtml ? withTokenInAssetUrls(body.toString('utf8'), request.token) : body);
  return true;
}
