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
