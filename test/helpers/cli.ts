// Shared helpers for CLI command tests: run one command module in-process and capture stdout,
// and make a temp directory that is removed after the test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, vi } from 'vitest';

/** Registers one command module on a fresh program, parses `args` (without `node nusky`) and returns stdout. */
export async function runCli(register: (program: Command) => void, args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  register(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    await program.parseAsync(['node', 'nusky', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

/** A fresh temp directory named `nusky-<prefix>-XXXXXX`, removed after all tests of the calling file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nusky-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
