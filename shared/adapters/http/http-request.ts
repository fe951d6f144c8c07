/**
 * A minimal `fetch` over node:http/https for the broker's three endpoints. Node's global fetch loads
 * undici (with its WASM parser) — about 12 MB of resident memory in a daemon that makes a handful of
 * calls every few minutes. This covers exactly what the clients use: method, headers, a string body,
 * an AbortSignal, no redirects; status, `headers.get`, and a streamed body with cancel.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

import type { RequestInitLike, ResponseLike } from '../../ports/fetch';

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

/** Sends one request; rejects like fetch (network errors carry `cause.code`, aborts keep the signal's reason). */
export function nodeFetch(url: string, init: RequestInitLike): Promise<ResponseLike> {
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) return reject(abortError(signal));
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = {
      ...init.headers,
      ...(init.body != null ? { 'Content-Length': String(Buffer.byteLength(init.body)) } : {}),
    };
    const req = send(target, { method: init.method, headers });
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
