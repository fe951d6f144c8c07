/**
 * A release mirror on 127.0.0.1 for ELECTRON_MIRROR: records every request path and answers the files a
 * test put there, 404 for anything else. A file can be held back half-sent until the test releases it,
 * so a download is seen in progress without any timing guess.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReleaseMirror {
  /** `http://127.0.0.1:<port>/`, with the trailing slash ELECTRON_MIRROR needs. */
  url: string;
  /** Request paths in arrival order. */
  requests: string[];
  /** Serves `body` at `path`; with `hold`, sends half and the rest once the promise resolves. */
  put(path: string, body: Buffer, hold?: Promise<void>): void;
  close(): Promise<void>;
}

export async function startReleaseMirror(): Promise<ReleaseMirror> {
  const files = new Map<string, { body: Buffer; hold?: Promise<void> }>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://mirror').pathname;
    requests.push(path);
    const file = files.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': file.body.length });
    if (!file.hold) {
      res.end(file.body);
      return;
    }
    const half = Math.floor(file.body.length / 2);
    res.write(file.body.subarray(0, half));
    void file.hold.then(() => res.end(file.body.subarray(half)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    put: (path, body, hold) => files.set(path, { body, hold }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
