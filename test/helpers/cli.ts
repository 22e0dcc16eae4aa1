// Shared helper for CLI command tests: run one command module in-process and capture stdout.
import { Command } from 'commander';
import { vi } from 'vitest';

export { tempDir } from './tmp.js';

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
