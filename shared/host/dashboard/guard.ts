/**
 * Who may talk to the dashboard: requests on 127.0.0.1 carrying the per-run token (Bearer header, `?token=`,
 * — never a cookie: a cookie for 127.0.0.1 reaches every local port's server), with a Host and Origin of our
 * own. Pure.
 */
import { timingSafeEqual } from 'node:crypto';

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
  queryToken: string | null;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The Host values we answer to: our port on 127.0.0.1 or localhost (DNS-rebinding defence). On port
 * 80 a browser leaves the port out of Host and Origin (http's default), so the bare names count too.
 */
export function allowedHosts(port: number): string[] {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return port === 80 ? [...hosts, '127.0.0.1', 'localhost'] : hosts;
}

export function checkRequest(facts: RequestFacts, token: string, port: number): GuardVerdict {
  const hosts = allowedHosts(port);
  if (!facts.host || !hosts.includes(facts.host)) {
    return { ok: false, status: 403, message: 'Forbidden: unexpected Host header.' };
  }
  if (facts.origin && !hosts.map((h) => `http://${h}`).includes(facts.origin)) {
    return { ok: false, status: 403, message: 'Forbidden: cross-origin request.' };
  }
  const bearer = facts.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
  const presented = [bearer, facts.queryToken].filter((t): t is string => Boolean(t));
  if (presented.length === 0)
    return { ok: false, status: 401, message: 'Unauthorized: open the URL printed by quota-broker serve.' };
  if (!presented.some((t) => sameToken(t, token)))
    return { ok: false, status: 403, message: 'Forbidden: wrong token.' };
  return { ok: true };
}
