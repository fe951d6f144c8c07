/** Anything that looks like an Anthropic token (access, refresh, API key), with or without a known prefix. */
const TOKEN_PATTERN = /sk-ant-[A-Za-z0-9]{2,8}-[A-Za-z0-9_-]+/g;
const BEARER_PATTERN = /(Bearer\s+)[A-Za-z0-9._~+/-]{8,}=*/gi;

/** Replaces every token-like substring with a fixed marker. Apply to every message that leaves the process. */
export function redact(text: string): string {
  return text.replace(TOKEN_PATTERN, 'sk-ant-[redacted]').replace(BEARER_PATTERN, '$1[redacted]');
}

/** Redacts a value of unknown type into a printable string (errors from libraries included). */
export function redactUnknown(value: unknown): string {
  if (value instanceof Error) return redact(value.message);
  if (typeof value === 'string') return redact(value);
  try {
    return redact(JSON.stringify(value));
  } catch {
    return redact(String(value));
  }
}
