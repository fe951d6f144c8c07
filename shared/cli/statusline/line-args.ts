/**
 * The options that change the line itself and so stay on the per-update path (docs/statusline.md
 * "Segments: inside ccstatusline or claude-powerline"): `--segment` and `--format FORMAT`. Anything else goes to the options bundle (--install, …).
 */

export interface LineArgs {
  /** Print the segment form (its own default format) for ccstatusline / claude-powerline. */
  segment: boolean;
  /** A format given on the command line; it wins over the registry's `statusline_format`. */
  format?: string;
}

/** The line options in `args`, or null when any argument is something else (or incomplete). */
export function parseLineArgs(args: readonly string[]): LineArgs | null {
  const out: LineArgs = { segment: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--segment') out.segment = true;
    else if (a === '--format' && i + 1 < args.length) out.format = args[++i];
    else if (a.startsWith('--format=')) out.format = a.slice('--format='.length);
    else return null;
  }
  return out;
}
