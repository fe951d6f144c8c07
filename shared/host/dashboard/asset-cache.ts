/**
 * The dashboard's built assets as a browser should get them (docs/ui-contract.md, "Serving the
 * dashboard"): Vite names each JS and CSS file after a hash of its content (`assets/index-Dv0Agxgq.js`),
 * so such a file never changes under its name and may be cached for a year; it is read once, compressed
 * once (brotli and gzip, on first use, off the main thread) and kept in memory, and each request gets the
 * encoding its `Accept-Encoding` prefers. The HTML (which carries the per-run token) is never cached.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** `Cache-Control` of a content-hashed asset: private, as its URL carries the per-run token. */
export const IMMUTABLE_CACHE = 'private, max-age=31536000, immutable';

/**
 * A file Vite named after its content: `assets/<name>-<8-character hash>.<ext>` (Vite's default
 * `[name]-[hash]` pattern; vite.config.ts keeps it).
 */
export function isHashedAsset(relPath: string): boolean {
  return /^assets\/[\w.-]+-[\w-]{8}\.[a-z0-9]+$/i.test(relPath);
}

/** Types worth compressing (images are compressed already). */
const COMPRESSIBLE = /\.(js|css|svg|json|html|txt|map)$/i;
/**
 * Brotli quality 5: the 252 kB bundle becomes 75 kB in ~15 ms with ~4 MB of working memory. Quality 9
 * saves 1.5 kB more but its encoder peaks at ~35 MB (the process keeps that high-water mark), and 11
 * saves 7 kB more but takes ~1 s: neither is worth it on a first page load from 127.0.0.1.
 */
const BROTLI_QUALITY = 5;

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to send for an `Accept-Encoding` header: the one with the higher weight (brotli on a tie),
 * else none. A `q=0` refuses an encoding; `*` stands for any not named.
 */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br <= 0 && gz <= 0) return 'identity';
  return br >= gz ? 'br' : 'gzip';
}

interface Variants {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

async function loadVariants(file: string): Promise<Variants> {
  const identity = await readFile(file);
  if (!COMPRESSIBLE.test(file)) return { identity };
  const [br, gz] = await Promise.all([
    compressBrotli(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    compressGzip(identity, { level: 9 }),
  ]);
  // An encoding that does not make the file smaller is not worth a header.
  return {
    identity,
    br: br.length < identity.length ? br : undefined,
    gzip: gz.length < identity.length ? gz : undefined,
  };
}

export interface AssetBody {
  body: Buffer;
  encoding: Encoding;
}

/** The hashed assets read so far, per file path, in each encoding. */
export interface AssetCache {
  /** The asset at `file` in the encoding `acceptEncoding` prefers; rejects when it cannot be read. */
  get(file: string, acceptEncoding: string | undefined): Promise<AssetBody>;
}

export function createAssetCache(): AssetCache {
  const cache = new Map<string, Promise<Variants>>();
  return {
    async get(file, acceptEncoding) {
      let variants = cache.get(file);
      if (!variants) {
        variants = loadVariants(file);
        cache.set(file, variants);
        // A file that could not be read is tried again next time (it may be built by then).
        variants.catch(() => cache.delete(file));
      }
      const v = await variants;
      const wanted = pickEncoding(acceptEncoding);
      const body = wanted === 'identity' ? undefined : v[wanted];
      return body ? { body, encoding: wanted } : { body: v.identity, encoding: 'identity' };
    },
  };
}
