/**
 * A real CONNECT proxy on 127.0.0.1 that counts its tunnels: it opens each one to the address `route`
 * names for the requested `host:port` (so a test can send api.anthropic.com:443 to a local fake, the
 * way a corporate proxy resolves names the client cannot), optionally demands Basic credentials, and
 * refuses absolute-form requests (counting them) — the broker must tunnel.
 */
import { createServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface ConnectProxy {
  url: string;
  port: number;
  /** Every CONNECT target (`host:port`), in order, including refused ones. */
  tunnels: string[];
  /** The Proxy-Authorization header of each CONNECT (or null). */
  authorizations: (string | null)[];
  /** Absolute-form requests (never expected). */
  plainRequests: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(
  options: {
    route?: (host: string, port: number) => { host: string; port: number };
    credentials?: string;
  } = {},
): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const authorizations: (string | null)[] = [];
  const plainRequests: string[] = [];
  const open = new Set<Socket>();
  const server = createServer((req, res) => {
    plainRequests.push(`${req.method} ${req.url}`);
    res.writeHead(405).end();
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    const target = req.url ?? '';
    tunnels.push(target);
    const auth = req.headers['proxy-authorization'] ?? null;
    authorizations.push(auth);
    if (options.credentials && auth !== `Basic ${Buffer.from(options.credentials).toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    const to = m ? (options.route?.(m[1], Number(m[2])) ?? { host: m[1], port: Number(m[2]) }) : null;
    if (!to) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const upstream = connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    authorizations,
    plainRequests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
