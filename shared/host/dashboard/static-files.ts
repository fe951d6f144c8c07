/** Serves the built renderer (dist/renderer) with a strict CSP; no directory listing, no path escapes. */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

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

/** Sends `urlPath` (already decoded) from `root` (index.html for `/`); false when there is no such file. */
export async function sendStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  token: string,
): Promise<boolean> {
  const rel = urlPath === '/' ? 'index.html' : urlPath.replace(/^\/+/, '');
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return false;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return false;
  }
  const isHtml = extname(file) === '.html';
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    ...securityHeaders(),
  });
  res.end(isHtml ? withTokenInAssetUrls(body.toString('utf8'), token) : body);
  return true;
}
