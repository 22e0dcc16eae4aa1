// A temp directory per test file, removed after its tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh temp directory named `nusky-<prefix>-XXXXXX`, removed after all tests of the calling file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nusky-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
