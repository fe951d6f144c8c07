/**
 * `text` cut to at most `max` characters at a word boundary, ending with `…` when anything was cut; a
 * single word longer than `max` is cut inside it (still with `…`). Pure.
 */
export function shortenAtWord(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  // The cut falls between words when the next character is a space: keep the whole head.
  const atBoundary = /\s/.test(chars[max - 1]);
  const space = head.search(/\s\S*$/);
  const cut = atBoundary ? head : space > 0 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.\u2014\u2013-]+$/, '')}…`;
}
