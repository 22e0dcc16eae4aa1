import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureDir, isGzip, readFileMaybeGzip, writeFileAtomic } from './file.js';
import { FileFormatError, InputError } from '../errors.js';
import { tempDir } from '../../test/helpers/tmp.js';

const dir = tempDir('io-file');
const bytes = new TextEncoder().encode('hello nusky\n');

describe('writeFileAtomic / readFileMaybeGzip', () => {
  it('writes the bytes, refuses to replace an existing file unless overwrite, and leaves no temp file', () => {
    const f = join(dir, 'a.txt');
    writeFileAtomic(f, bytes);
    expect(readFileSync(f, 'utf8')).toBe('hello nusky\n');
    expect(() => writeFileAtomic(f, bytes)).toThrow(InputError);
    expect(() => writeFileAtomic(f, bytes)).toThrow(/a\.txt: file exists/);
    writeFileAtomic(f, new TextEncoder().encode('two'), { overwrite: true });
    expect(readFileSync(f, 'utf8')).toBe('two');
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('gzips names ending in .gz (readable by zlib and by readFileMaybeGzip), but not with gzip: false', () => {
    const g = join(dir, 'b.txt.gz');
    writeFileAtomic(g, bytes);
    expect(isGzip(readFileSync(g))).toBe(true);
    expect(readFileMaybeGzip(g).toString('utf8')).toBe('hello nusky\n');
    const pre = join(dir, 'c.bin.gz');
    writeFileAtomic(pre, gzipSync(bytes), { gzip: false });
    expect(readFileMaybeGzip(pre).toString('utf8')).toBe('hello nusky\n'); // one layer only
  });

  it('names the file when it cannot be written (missing folder) with an InputError', () => {
    const f = join(dir, 'no-such-dir', 'x.fits');
    expect(() => writeFileAtomic(f, bytes)).toThrow(InputError);
    expect(() => writeFileAtomic(f, bytes)).toThrow(`${f}: cannot write file (ENOENT)`);
  });

  it('ensureDir creates nested folders and names a path it cannot create (a file in the way)', () => {
    const nested = join(dir, 'a', 'b');
    ensureDir(nested);
    expect(readdirSync(join(dir, 'a'))).toEqual(['b']);
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    expect(() => ensureDir(join(file, 'sub'))).toThrow(InputError);
    expect(() => ensureDir(join(file, 'sub'))).toThrow(/plain\.txt\/sub: cannot create folder \(ENOTDIR\)/);
  });

  it('names the file for a missing file and a truncated gzip stream', () => {
    expect(() => readFileMaybeGzip(join(dir, 'missing.fits'))).toThrow(/missing\.fits: cannot read file \(ENOENT\)/);
    const bad = join(dir, 'bad.gz');
    writeFileSync(bad, gzipSync(bytes).subarray(0, 12));
    expect(() => readFileMaybeGzip(bad)).toThrow(FileFormatError);
    expect(() => readFileMaybeGzip(bad)).toThrow(/bad\.gz/);
  });
});
