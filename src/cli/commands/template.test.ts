import { describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from './template.js';
import { readTemplateFits } from '../../templates/io.js';

async function run(args: string[]): Promise<string> {
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

describe('nusky template', () => {
  it('info pi0 --json reports a unit-integral equatorial pdf with the paper normalisation', async () => {
    const r = JSON.parse(await run(['template', 'info', 'pi0', '--json']));
    expect(r.kind).toBe('pdf');
    expect(r.frame).toBe('equatorial');
    expect(r.pdfIntegral).toBeCloseTo(1, 9);
    expect(r.e2FluxPerFlavourTeV[2].value).toBeCloseTo(21.8e-12, 20);
  });

  it('make writes a FITS cube that info and the reader understand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nusky-tplcli-'));
    try {
      const f = join(dir, 't.fits');
      const r = JSON.parse(await run(['template', 'make', '--model', 'kra5', '--out', f, '--nside', '8', '--bins', '5', '--threads', '1', '--json']));
      expect(r.nEnergies).toBe(5);
      const t = readTemplateFits(f);
      expect(t.kind).toBe('cube');
      expect(t.nside).toBe(8);
      expect(t.frame).toBe('galactic');
      expect(existsSync(f)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown frame naming the option', async () => {
    await expect(run(['template', 'info', 'pi0', '--frame', 'ecliptic'])).rejects.toThrow('--frame: expected equatorial or galactic, found ecliptic');
  });
});
