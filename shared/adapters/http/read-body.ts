import type { ResponseLike } from '../../ports/fetch';
/** Largest answer body the clients accept; a bigger one is a bad response, not an out-of-memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyText = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'not_text' };

/**
 * Reads a response body as UTF-8 text, stopping (and cancelling the stream) once it exceeds `maxBytes`.
 * Bytes that are not valid UTF-8 give `not_text`. Network and abort errors are thrown to the caller.
 */
export async function readBodyText(res: ResponseLike, maxBytes: number = MAX_BODY_BYTES): Promise<BodyText> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    return { ok: false, reason: 'too_large' };
  }
  if (!res.body) return { ok: true, text: '' };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, reason: 'not_text' };
  }
}

/** Reads at most `maxBytes` of an error body for a message; never throws. */
export async function readErrorSnippet(res: ResponseLike, maxBytes = 4096): Promise<string> {
  try {
    const body = await readBodyText(res, maxBytes);
    return body.ok ? body.text : '';
  } catch {
    return '';
  }
}
