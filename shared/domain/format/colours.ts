/** ANSI colours for terminal output (the CLI, doctor's report); the caller decides whether to colour. */

export interface Colours {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/** ANSI colours when `enabled`, identity otherwise. */
export function getColours(enabled: boolean): Colours {
  const wrap = (code: string) => (s: string) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: wrap('31'), yellow: wrap('33'), green: wrap('32'), dim: wrap('2'), bold: wrap('1') };
}
