/**
 * Keeping part of a child's output (claude auth login/status, notify_command, systemctl, notifiers)
 * without ever keeping part of a token: redact first, truncate after. Cutting first can leave a token's
 * tail without its `sk-ant-` head, which `redact` no longer recognises (docs/contracts.md "Security").
 */
import { redact } from './redact';

/** Characters a token or a bearer credential is made of: a cut never lands inside a run of them. */
const TOKEN_CHAR = /[A-Za-z0-9._~+/=-]/;
/** `Bearer ` before a cut: the credential after it is recognised only together with it. */
const BEARER_BEFORE = /Bearer\s*$/i;

/** `text` redacted, then cut to its last (or first) `maxChars` characters. */
export function keepRedacted(text: string, maxChars: number, end: 'head' | 'tail' = 'tail'): string {
  const clean = redact(text);
  if (clean.length <= maxChars) return clean;
  return end === 'tail' ? clean.slice(clean.length - maxChars) : clean.slice(0, maxChars);
}

/**
 * Drops raw text before `from` without splitting a token: the cut moves forward past the run of token
 * characters it lands in, so what is kept never starts with a token's tail.
 */
function dropBefore(raw: string, from: number): string {
  let cut = from;
  const skipRun = () => {
    while (cut < raw.length && TOKEN_CHAR.test(raw[cut])) cut++;
  };
  skipRun();
  if (BEARER_BEFORE.test(raw.slice(Math.max(0, cut - 64), cut))) {
    while (cut < raw.length && /\s/.test(raw[cut])) cut++;
    skipRun();
  }
  return raw.slice(cut);
}

/** A bounded collector of one output stream; `text()` is always redacted. */
export interface RedactedOutput {
  push(chunk: string): void;
  /** What was kept, redacted, at most `maxChars` long. */
  text(): string;
}

/**
 * Collects a stream's last `maxChars` characters (`tail`) or its first (`head`), redacted. Memory stays
 * bounded: raw text is dropped only at a token boundary, and redaction runs on whole tokens only.
 */
export function collectRedacted(maxChars: number, end: 'head' | 'tail' = 'tail'): RedactedOutput {
  // Room for a token straddling the bound: any token is far shorter than this.
  const slack = 4096;
  let raw = '';
  return {
    push(chunk) {
      if (end === 'head') {
        if (raw.length < maxChars + slack) raw += chunk.slice(0, maxChars + slack - raw.length);
        return;
      }
      raw += chunk;
      if (raw.length > 2 * (maxChars + slack)) raw = dropBefore(raw, raw.length - (maxChars + slack));
    },
    text: () => keepRedacted(raw, maxChars, end),
  };
}

/**
 * Redacts a stream chunk by chunk for showing it live (the re-login's progress events): a run of token
 * characters at a chunk's end is held back until the next chunk shows where it ends, so a token split
 * across two chunks is still redacted whole. `end()` releases what is held.
 */
export function createStreamRedactor(): { push(chunk: string): string; end(): string } {
  let held = '';
  return {
    push(chunk) {
      const text = held + chunk;
      let cut = text.length;
      while (cut > 0 && TOKEN_CHAR.test(text[cut - 1])) cut--;
      const bearer = BEARER_BEFORE.exec(text.slice(0, cut));
      if (bearer) cut = bearer.index;
      // A run that fills the whole chunk has no boundary yet; hold a bounded amount, then let it go.
      if (cut === 0 && text.length > 8192) cut = text.length;
      held = text.slice(cut);
      return redact(text.slice(0, cut));
    },
    end() {
      const rest = redact(held);
      held = '';
      return rest;
    },
  };
}
