import { redact, redactUnknown } from '../../domain/redact';

/** How a thrown fetch (or body read) error is classified: an abort or timeout, or anything network. */
export function classifyThrown(err: unknown): { kind: 'timeout' | 'offline'; detail: string } {
  // AbortSignal.timeout() rejects with a DOMException named TimeoutError, an abort() with AbortError.
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', detail: 'timed out' };
  const cause =
    err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const causeMessage = typeof cause?.message === 'string' ? cause.message : null;
  const detail = code ?? causeMessage ?? redactUnknown(err);
  return { kind: 'offline', detail: redact(detail) };
}

/**
 * Pulls a short human message out of an API error body: `{"error":{"message"}}`,
 * `{"error_description"}`, `{"error":"code"}` or plain text. Redacted and shortened.
 */
export function errorDetail(body: string): string {
  let detail: string;
  try {
    detail = messageOf(JSON.parse(body));
  } catch {
    detail = body.trimStart().startsWith('<') ? '' : body; // an HTML page says nothing useful
  }
  detail = redact(detail.replace(/\s+/g, ' ').trim());
  return detail.length > 200 ? `${detail.slice(0, 200)}…` : detail;
}

function messageOf(json: unknown): string {
  if (typeof json !== 'object' || json === null) return '';
  const { error, error_description: description } = json as { error?: unknown; error_description?: unknown };
  if (typeof description === 'string') return description;
  if (typeof error === 'string') return error;
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : null;
  return typeof message === 'string' ? message : '';
}

/** `text: detail` when there is a detail, else `text.` */
export function withDetail(text: string, detail: string): string {
  return detail ? `${text}: ${detail}` : `${text}.`;
}
