import { readFileSync, writeFileSync, renameSync, unlinkSync, existsSync, mkdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { basename, dirname, join } from 'node:path';
import { FileFormatError, InputError } from '../errors.js';

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Read a whole file, transparently gunzipping it when it is gzip-compressed
 * (detected by its magic number, not its name, as astropy does).
 */
export function readFileMaybeGzip(file: string): Buffer {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (err) {
    throw new InputError(`${file}: cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (!isGzip(raw)) return raw;
  try {
    return gunzipSync(raw);
  } catch (err) {
    throw new FileFormatError(file, 'gzip stream', 'a complete gzip stream', `a corrupt one (${(err as Error).message})`);
  }
}

/**
 * Write bytes to `file` atomically: a temporary file in the same folder, then a
 * rename, so a crash never leaves a half-written file under the final name.
 * Names ending in `.gz` are gzip-compressed unless `gzip: false` (bytes that are already
 * compressed). Refuses to overwrite unless asked.
 */
export function writeFileAtomic(file: string, bytes: Uint8Array, opts: { overwrite?: boolean; gzip?: boolean } = {}): void {
  if (!opts.overwrite && existsSync(file)) {
    throw new InputError(`${file}: file exists (pass overwrite to replace it)`);
  }
  const data = (opts.gzip ?? file.endsWith('.gz')) ? gzipSync(bytes) : bytes;
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* the temp file may never have been created */
    }
    const code = (err as NodeJS.ErrnoException).code;
    // A missing folder or no permission is bad input, not a crash: name the file and the reason.
    if (code) throw new InputError(`${file}: cannot write file (${code})`);
    throw err;
  }
}

/** Create a folder (and its parents) for output files; InputError naming it when that fails. */
export function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputError(`${dir}: cannot create folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
