/** Parsing of `claude auth login` output (docs/claude-code.md "Logging in"). */

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;
const MARKER = /if the browser didn't open,? visit:?/i;
const URL_PATTERN = /https?:\/\/[^\s"'<>]+/;

/** Removes terminal escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * Finds the sign-in URL in the output seen so far. 2.1.332 prints the marker line
 * `If the browser didn't open, visit:` and the URL on the next line; the URL on the same line is
 * accepted too. Without the marker, an `/oauth/authorize` URL is taken.
 */
export function findLoginUrl(output: string): string | null {
  const text = stripAnsi(output);
  const marker = MARKER.exec(text);
  if (marker) {
    const after = URL_PATTERN.exec(text.slice(marker.index + marker[0].length));
    if (after) return after[0];
  }
  const authorize = /https?:\/\/[^\s"'<>]*\/oauth\/authorize[^\s"'<>]*/.exec(text);
  return authorize ? authorize[0] : null;
}

/** True once Claude Code printed its success line. */
export function sawLoginSuccess(output: string): boolean {
  return /login successful/i.test(stripAnsi(output));
}
