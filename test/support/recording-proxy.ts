/**
 * An HTTP proxy on 127.0.0.1 that records what it is asked for and answers every request itself (404),
 * whether sent in absolute form or through a CONNECT tunnel (undici's default). A host that does not
 * resolve can then only be reached through it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  url: string;
  /** CONNECT targets (`host:port`). */
  connects: string[];
  /** Requests as `host` + path. */
  requests: string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const connects: string[] = [];
  const requests: string[] = [];
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    requests.push(`${url.host}${url.pathname}`);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  };
  const tunnelled = createServer(answer);
  const proxy = createServer(answer);
  proxy.on('connect', (req, socket, head) => {
    connects.push(req.url ?? '');
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    tunnelled.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        tunnelled.closeAllConnections();
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
