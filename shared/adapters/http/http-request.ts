/**
 * A minimal `fetch` over node:http/https for the broker's three endpoints. Node's global fetch loads
 * undici (with its WASM parser) — about 12 MB of resident memory in a daemon that makes a handful of
 * calls every few minutes. This covers exactly what the clients use: method, headers, a string body,
 * an AbortSignal, no redirects; status, `headers.get`, and a streamed body with cancel — and, as Claude
 * Code does, HTTPS_PROXY / HTTP_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS (docs/contracts.md).
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates, connect as tlsConnect } from 'node:tls';
import type { FetchLike, ResponseLike } from '../../ports/fetch';
import { getProxyFor, type ProxyChoice, portOf } from './proxy-env';
import { openTunnel } from './proxy-tunnel';

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

function wrap(res: IncomingMessage): ResponseLike {
  const iterator = res[Symbol.asyncIterator]();
  const cancel = async () => {
    res.destroy();
  };
  return {
    status: res.statusCode ?? 0,
    headers: {
      get(name) {
        const v = res.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
    body: {
      cancel,
      getReader: () => ({
        cancel,
        async read() {
          const next = await iterator.next();
          return next.done ? { done: true } : { done: false, value: next.value as Buffer };
        },
      }),
    },
  };
}

/** What a request needs from the environment: its proxy and, when the environment names another CA file than
 * the one node loaded at start, that file's certificates. */
interface Route {
  proxy: ProxyChoice | null;
  ca: string[] | undefined;
}

/** NODE_EXTRA_CA_CERTS files read once per path (node itself reads the variable only at start-up). */
const extraCas = new Map<string, string[]>();

function extraCa(env: NodeJS.ProcessEnv): string[] | undefined {
  const file = env.NODE_EXTRA_CA_CERTS;
  // Node already trusts the file it was started with; only a different one (an environment handed to
  // the engine, a test) needs loading here.
  if (!file || file === process.env.NODE_EXTRA_CA_CERTS) return undefined;
  let ca = extraCas.get(file);
  if (!ca) {
    ca = [...rootCertificates, readFileSync(file, 'utf8')];
    extraCas.set(file, ca);
  }
  return ca;
}

/**
 * A fetch over node:http/https for `env`: direct, or through the proxy HTTPS_PROXY / HTTP_PROXY name
 * unless NO_PROXY exempts the host (proxy-env.ts), always as a CONNECT tunnel as undici does.
 * Rejects like fetch: network errors carry `cause` (with `code`), aborts keep the signal's reason.
 */
export function createNodeFetch(env: NodeJS.ProcessEnv): FetchLike {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted) return reject(abortError(signal));
      const target = new URL(url);
      let route: Route;
      try {
        route = { proxy: getProxyFor(target, env), ca: extraCa(env) };
      } catch (e) {
        return reject(Object.assign(new TypeError('fetch failed'), { cause: e }));
      }
      const https = target.protocol === 'https:';
      const headers = {
        ...init.headers,
        ...(init.body != null ? { 'Content-Length': String(Buffer.byteLength(init.body)) } : {}),
      };
      const options: RequestOptions & { ca?: string[] } = { method: init.method, headers };
      if (route.ca) options.ca = route.ca;
      const { proxy } = route;
      if (proxy) {
        const host = target.hostname.replace(/^\[|\]$/g, '');
        options.createConnection = (_opts, done) => {
          openTunnel(proxy, host, portOf(target), signal, (error, socket) => {
            if (error || !socket) return done(error ?? new Error('no tunnel'), undefined as never);
            if (!https) return done(null, socket);
            const servername = isIP(host) ? undefined : host;
            done(null, tlsConnect({ socket, servername, ca: route.ca, ALPNProtocols: ['http/1.1'] }));
          });
          return undefined as never;
        };
      }
      const req = (https ? httpsRequest : httpRequest)(target, options);
      const onAbort = () => {
        if (signal) req.destroy(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('response', (res) => {
        res.on('close', () => signal?.removeEventListener('abort', onAbort));
        // An abort after the headers ends the body stream with the abort's error.
        resolve(wrap(res));
      });
      req.on('error', (err) => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) return reject(abortError(signal));
        reject(Object.assign(new TypeError('fetch failed'), { cause: err }));
      });
      req.end(init.body);
    });
}

/** {@link createNodeFetch} for this process's environment, read at each call. */
export const nodeFetch: FetchLike = (url, init) => createNodeFetch(process.env)(url, init);
