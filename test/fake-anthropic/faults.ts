import { randomBytes } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { apiError, type Exchange, type FakeState, logRequest, reply } from './exchange';
import type { FakeMode, FakeModeOptions } from './types';

/** Size of the `huge` answer: well past any client's body cap. */
const HUGE_BYTES = 5 * 1024 * 1024;
const HUGE_CHUNK = 64 * 1024;

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>Just a moment...</title></head>' +
  '<body><h1>Checking your browser</h1></body></html>';

/**
 * Answers with a fault instead of the real behaviour. `hang` logs the request with status null and
 * never answers (the server's close() drops the socket).
 */
export function sendFault(
  state: FakeState,
  ex: Exchange,
  fault: { mode: Exclude<FakeMode, 'normal'> } & FakeModeOptions,
): void {
  const { res } = ex;
  switch (fault.mode) {
    case '429':
      reply(state, ex, 429, apiError('rate_limit_error', 'Rate limited. Please try again later.'), {
        'retry-after': fault.retryAfter ?? '0',
      });
      return;
    case '500':
      reply(state, ex, 500, apiError('api_error', 'Internal server error'));
      return;
    case 'hang':
      logRequest(state, ex, null);
      return;
    case 'html':
      logRequest(state, ex, 200);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HTML_PAGE);
      return;
    case 'garbage':
      logRequest(state, ex, 200);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"five_hour": {"utilization": 37.0, "resets_at": "2026-0');
      return;
    case 'binary':
      logRequest(state, ex, 200);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]), randomBytes(2048)]));
      return;
    case 'huge':
      logRequest(state, ex, 200);
      res.writeHead(200, { 'content-type': 'application/json' });
      // Streamed without a content-length, so a client has to cap while reading.
      pipeline(Readable.from(hugeJson()), res, () => {});
      return;
  }
}

function* hugeJson(): Generator<string> {
  yield '{"five_hour":{"utilization":1.0,"resets_at":null},"padding":"';
  const chunk = 'x'.repeat(HUGE_CHUNK);
  for (let sent = 0; sent < HUGE_BYTES; sent += HUGE_CHUNK) yield chunk;
  yield '"}';
}
