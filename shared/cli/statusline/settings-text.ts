/**
 * Edits one top-level member of a JSON object *as text*, so everything else in a person's
 * settings.json (order, spacing, compact arrays, line endings, trailing newline) stays byte-for-byte.
 * Pure. Callers pass text that JSON.parse accepted; the result is verified and, should the textual
 * edit ever disagree with the parsed intent, re-serialized in the file's indentation instead.
 */

interface Member {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

interface ObjectLayout {
  open: number;
  close: number;
  members: Member[];
}

const WS = /\s/;

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.test(text[i])) i++;
  return i;
}

function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return i;
}

function skipValue(text: string, i: number): number {
  if (text[i] === '"') return skipString(text, i);
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = skipString(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
    }
    return i;
  }
  while (i < text.length && !/[\s,}\]]/.test(text[i])) i++;
  return i;
}

/** Positions of the top-level object's members in valid JSON text. */
function scanObject(text: string): ObjectLayout {
  const open = skipWs(text, 0);
  const members: Member[] = [];
  let i = skipWs(text, open + 1);
  while (i < text.length && text[i] !== '}') {
    const keyStart = i;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
    const valueStart = skipWs(text, skipWs(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key, keyStart, valueStart, valueEnd });
    i = skipWs(text, valueEnd);
    if (text[i] === ',') i = skipWs(text, i + 1);
  }
  return { open, close: i, members };
}

/** The whitespace before a member's key on its line, or null when it shares the line with `{` or `,`. */
function getLineIndent(text: string, pos: number): string | null {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  return /^[ \t]*$/.test(before) ? before : null;
}

/** The file's indentation unit: the first member's indent, else two spaces; '' for a one-line object. */
export function detectIndent(text: string): string {
  const { members } = scanObject(text);
  if (members.length === 0) return '  ';
  return getLineIndent(text, members[0].keyStart) ?? '';
}

function serialize(value: unknown, indent: string, memberIndent: string, eol: string): string {
  if (indent === '') return JSON.stringify(value);
  return JSON.stringify(value, null, indent).replace(/\n/g, `${eol}${memberIndent}`);
}

function verified(result: string, expected: Record<string, unknown>, indent: string, eol: string): string {
  try {
    if (JSON.stringify(JSON.parse(result)) === JSON.stringify(expected)) return result;
  } catch {
    // Falls through to a clean re-serialization.
  }
  return `${JSON.stringify(expected, null, indent || 2).replace(/\n/g, eol)}${eol}`;
}

/**
 * Sets top-level `key` to `value` in JSON object text: replaces the value in place when the key exists
 * (its last occurrence, the one JSON.parse keeps), else appends a member after the last one, in the
 * file's indentation and line endings.
 */
export function setTopLevelMember(text: string, key: string, value: unknown): string {
  const layout = scanObject(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = detectIndent(text);
  const expected = { ...(JSON.parse(text) as Record<string, unknown>), [key]: value };
  const existing = layout.members.filter((m) => m.key === key).pop();
  let result: string;
  if (existing) {
    const memberIndent = getLineIndent(text, existing.keyStart) ?? '';
    result =
      text.slice(0, existing.valueStart) +
      serialize(value, indent, memberIndent, eol) +
      text.slice(existing.valueEnd);
  } else if (layout.members.length === 0) {
    const member = `${JSON.stringify(key)}: ${serialize(value, indent, indent, eol)}`;
    result = `${text.slice(0, layout.open)}{${eol}${indent}${member}${eol}}${text.slice(layout.close + 1)}`;
  } else {
    const last = layout.members[layout.members.length - 1];
    const memberIndent = getLineIndent(text, last.keyStart);
    const colon = /"\s*:\s/.test(text.slice(last.keyStart, last.valueStart)) ? ': ' : ':';
    const member =
      memberIndent == null
        ? `,${text[last.keyStart - 1] === ' ' ? ' ' : ''}${JSON.stringify(key)}${colon}${JSON.stringify(value)}`
        : `,${eol}${memberIndent}${JSON.stringify(key)}${colon}${serialize(value, indent, memberIndent, eol)}`;
    result = text.slice(0, last.valueEnd) + member + text.slice(last.valueEnd);
  }
  return verified(result, expected, indent, eol);
}

/** Removes every top-level `key` member from JSON object text, leaving the rest untouched. */
export function removeTopLevelMember(text: string, key: string): string {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  if (!Object.hasOwn(parsed, key)) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = detectIndent(text);
  const { [key]: _removed, ...expected } = parsed;
  let result = text;
  for (;;) {
    const { open, close, members } = scanObject(result);
    const k = members.findIndex((m) => m.key === key);
    if (k < 0) break;
    if (members.length === 1) result = `${result.slice(0, open + 1)}${result.slice(close)}`;
    else if (k > 0) result = result.slice(0, members[k - 1].valueEnd) + result.slice(members[k].valueEnd);
    else result = result.slice(0, members[0].keyStart) + result.slice(members[1].keyStart);
  }
  return verified(result, expected, indent, eol);
}
