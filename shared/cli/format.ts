import { formatAge as formatCompactAge } from '../domain/format/duration';

export { type Colours, getColours } from '../domain/format/colours';

/** Human formatting for the CLI: ages, percentages, tables, colour (TTY only, NO_COLOR honoured). */

/** `45s`, `4m`, `11h`, `3d`; `—` for null. The same compact age the UI and doctor show. */
export function formatAge(ms: number | null): string {
  return ms == null ? '—' : formatCompactAge(ms);
}

export { formatPercent } from '../domain/format/percent';

/** Colour only for a terminal, and never with NO_COLOR set (https://no-color.org). */
export function shouldColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

/** Pads columns to their widest cell (ANSI codes do not count towards width). */
export function renderTable(rows: string[][]): string {
  const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').length;
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, visible(cell));
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - visible(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
