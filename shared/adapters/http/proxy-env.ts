/**
 * Which proxy a request goes through, from the variables Claude Code honours (docs/contracts.md "Files
 * and environment"): `HTTPS_PROXY` for https (else `HTTP_PROXY`), `HTTP_PROXY` for http, lower-case
 * spellings first as curl and Node read them, and `NO_PROXY` — names or IPs separated by commas or
 * spaces, a leading `.` or `*.` for a domain's subdomains, a bare name covering its subdomains too,
 * `:port` to match one port, `*` for everything. Only http:// and https:// proxies (Claude Code supports
 * no SOCKS either). Pure.
 */

/** A proxy to tunnel through, with the credentials of its URL (for Proxy-Authorization). */
export interface ProxyChoice {
  url: URL;
  /** `host:port` for messages: a proxy URL may carry a password, messages never do. */
  label: string;
}

const read = (env: NodeJS.ProcessEnv, name: string): string | undefined =>
  env[name.toLowerCase()] || env[name] || undefined;

/** The default port of a URL's scheme when it names none. */
export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** True when `NO_PROXY` says `target` goes direct. */
export function isNoProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = portOf(target);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (!match) continue;
    if (match[2] && Number(match[2]) !== port) continue;
    const name = match[1].replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/**
 * The proxy for `target` under `env`, or null to go direct.
 *
 * @throws Error naming the variable when it holds something that is not an http(s) proxy URL: going
 * direct instead would silently bypass the user's proxy.
 */
export function getProxyFor(target: URL, env: NodeJS.ProcessEnv): ProxyChoice | null {
  const names = target.protocol === 'https:' ? ['HTTPS_PROXY', 'HTTP_PROXY'] : ['HTTP_PROXY'];
  const name = names.find((n) => read(env, n));
  const chosen = name ? read(env, name) : undefined;
  if (!name || !chosen || isNoProxy(target, read(env, 'NO_PROXY'))) return null;
  let url: URL;
  try {
    // `proxy.corp:3128` without a scheme means http, as curl reads it.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(chosen) ? chosen : `http://${chosen}`);
  } catch {
    throw new Error(`${name} is not a proxy URL (expected http://host:port).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(
      `${name} uses ${url.protocol.slice(0, -1)}, but only http:// and https:// proxies work here.`,
    );
  return { url, label: `${url.hostname}:${portOf(url)}` };
}
