/**
 * Which URLs the app lets through (docs/contracts.md "Security"): the renderer loads only its own files, navigates
 * nowhere, and hands the system browser nothing but https sign-in pages. Pure.
 */
import { pathToFileURL } from 'node:url';

/** Hosts whose https pages may open in the system browser (Claude sign-in and its redirects). */
export const SIGN_IN_HOST_SUFFIXES = ['claude.ai', 'claude.com', 'anthropic.com'] as const;

/** The strict policy, also sent as a header; renderer/index.html carries the same as a meta tag. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'";

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for an https URL on a Claude/Anthropic sign-in host, with no credentials in it. */
export function isSignInUrl(url: string): boolean {
  const u = parse(url);
  if (u === null) return false;
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return false;
  const host = u.hostname.toLowerCase();
  return SIGN_IN_HOST_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));
}

/** The file:// URL prefix of the renderer bundle's directory (always ends with `/`). */
export function getRendererUrlPrefix(rendererDir: string): string {
  const href = pathToFileURL(rendererDir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * True for requests the renderer may make: its own bundle's files (no `..` escape: URL parsing has
 * already normalised the path) and Chromium's internal devtools pages. Everything remote is refused.
 */
export function isAllowedRequestUrl(url: string, rendererUrlPrefix: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'devtools:') return true;
  if (u.protocol !== 'file:') return false;
  return u.host === '' && `file://${u.pathname}`.startsWith(rendererUrlPrefix);
}

/** True when `url` is the renderer's own page (a reload), the only navigation allowed. */
export function isOwnPage(url: string, indexUrl: string): boolean {
  const u = parse(url);
  const own = parse(indexUrl);
  return Boolean(
    u && own && u.protocol === own.protocol && u.host === own.host && u.pathname === own.pathname,
  );
}

/** True for a loopback http(s) URL, as `quota-broker serve` prints (binds 127.0.0.1 only). */
export function isLoopbackDashboardUrl(url: string): boolean {
  const u = parse(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password) return false;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}
