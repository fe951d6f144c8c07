/**
 * The HTTP port the usage, token and profile clients call: the global `fetch` satisfies it, and so
 * does the lean node:http client (shared/adapters/http/http-request.ts) the broker uses.
 */
export interface RequestInitLike {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  redirect?: 'manual';
}

export interface BodyReaderLike {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}

export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body: { getReader(): BodyReaderLike; cancel(): Promise<void> } | null;
}

/** What the HTTP clients call: the global fetch satisfies it, and so does {@link nodeFetch}. */
export type FetchLike = (url: string, init: RequestInitLike) => Promise<ResponseLike>;
