/**
 * A CONNECT tunnel through an http(s) proxy, as undici's ProxyAgent (and so Claude Code) opens one, for
 * the lean client of http-request.ts: connect to the proxy (TLS for an https:// proxy), ask `CONNECT
 * host:port`, and on a 2xx answer hand over the socket; the caller's TLS (for https) runs inside it.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ProxyChoice } from './proxy-env';
import { portOf } from './proxy-env';

/** A proxy's answer header is a few hundred bytes; anything longer is not a proxy answering. */
const MAX_ANSWER_BYTES = 16 * 1024;

/** `Basic …` for a proxy URL with credentials, else null. */
function proxyAuthorization(url: URL): string | null {
  if (!url.username && !url.password) return null;
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

/**
 * A network error whose message names the proxy by host:port only (never its credentials). It has no
 * `code` on purpose: the message is what a slot's error shows ("… is unreachable (the proxy …)").
 */
function tunnelError(proxy: ProxyChoice, what: string): Error {
  return new Error(`the proxy ${proxy.label} ${what}`);
}

/**
 * Opens a tunnel to `host:port` through `proxy`; calls back with the connected socket, or an error.
 * `signal` aborts it at any point.
 */
export function openTunnel(
  proxy: ProxyChoice,
  host: string,
  port: number,
  signal: AbortSignal | undefined,
  callback: (error: Error | null, socket?: Socket) => void,
): void {
  if (signal?.aborted) {
    callback(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    return;
  }
  const proxyHost = proxy.url.hostname.replace(/^\[|\]$/g, '');
  const socket: Socket =
    proxy.url.protocol === 'https:'
      ? tlsConnect({
          host: proxyHost,
          port: portOf(proxy.url),
          servername: proxyHost,
          ALPNProtocols: ['http/1.1'],
        })
      : netConnect({ host: proxyHost, port: portOf(proxy.url) });
  let settled = false;
  let answer = Buffer.alloc(0);
  const finish = (error: Error | null) => {
    if (settled) return;
    settled = true;
    signal?.removeEventListener('abort', onAbort);
    socket.removeListener('data', onData);
    socket.removeListener('error', onError);
    socket.removeListener('close', onClose);
    if (error) {
      socket.destroy();
      callback(error);
    } else callback(null, socket);
  };
  const onAbort = () => finish(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
  const onError = (e: NodeJS.ErrnoException) =>
    finish(tunnelError(proxy, `could not be reached (${e.code ?? e.message})`));
  const onClose = () => finish(tunnelError(proxy, 'closed the connection before answering CONNECT'));
  const onData = (chunk: Buffer) => {
    answer = Buffer.concat([answer, chunk]);
    const end = answer.indexOf('\r\n\r\n');
    if (end < 0) {
      if (answer.length > MAX_ANSWER_BYTES) finish(tunnelError(proxy, 'sent an answer that is not HTTP'));
      return;
    }
    const status = /^HTTP\/1\.[01] (\d{3})([^\r\n]*)/.exec(answer.subarray(0, end).toString('latin1'));
    if (!status) return finish(tunnelError(proxy, 'sent an answer that is not HTTP'));
    if (!status[1].startsWith('2'))
      return finish(tunnelError(proxy, `answered ${status[1]}${status[2]} to CONNECT ${host}:${port}`));
    // Bytes after the answer belong to the tunnelled stream.
    const rest = answer.subarray(end + 4);
    if (rest.length > 0) socket.unshift(rest);
    finish(null);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  socket.on('error', onError);
  socket.on('close', onClose);
  socket.on('data', onData);
  const target = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const auth = proxyAuthorization(proxy.url);
  socket.write(
    `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth ? `Proxy-Authorization: ${auth}\r\n` : ''}\r\n`,
  );
}
