/**
 * Typed errors. Each says which file (or input), which field, what was expected
 * and what was found, so a user can fix their input without reading the code.
 */
export class NuskyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A file that is not what it claims to be (FITS, NPY, Parquet, CSV …). */
export class FileFormatError extends NuskyError {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${file}: ${where}: expected ${expected}, found ${found}`);
  }
}

/** A FITS file that breaks the standard or healpy's conventions. */
export class FitsError extends FileFormatError {}

/** Columns or values that do not match a schema (event samples, catalogs). */
export class SchemaError extends FileFormatError {}

/** A bad argument to a library function or CLI option. */
export class InputError extends NuskyError {}
