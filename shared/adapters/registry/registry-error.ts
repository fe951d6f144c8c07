/** A registry that cannot be used, with the line and column of the problem when known. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly col: number | null = null,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
