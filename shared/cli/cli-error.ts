/** An error the CLI prints as one sentence on stderr, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit code for a command line the CLI does not understand. */
export const EXIT_USAGE = 64;

/**
 * A slot id the registry does not know: a usage error (64) whatever else is running, listing the ids
 * there are.
 */
export function unknownSlotError(id: string, slots: readonly { id: string }[]): CliError {
  const known = slots.map((s) => s.id).join(', ') || 'none';
  return new CliError(`There is no slot "${id}" (slots: ${known}). Run: quota-broker slots list`, EXIT_USAGE);
}
