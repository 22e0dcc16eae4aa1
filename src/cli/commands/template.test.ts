import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from './template.js';
import { readTemplateFits } from '../../templates/io.js';
import { runCli, tempDir } from '../../../test/helpers/cli.js';
import { FileFormatError, InputError } from '../../errors.js';

const run = (args: string[]): Promise<string> => runCli(register, args);
const tmp = tempDir('tplcli');

describe('nusky template', () => {
  it('info pi0 --json reports a unit-integral equatorial pdf with the paper normalisation', async () => {
    const r = JSON.parse(await run(['template', 'info', 'pi0', '--json']));
    expect(r.kind).toBe('pdf');
    expect(r.frame).toBe('equatorial');
    expect(r.pdfIntegral).toBeCloseTo(1, 9);
    expect(r.e2FluxPerFlavourTeV[2].value).toBeCloseTo(21.8e-12, 20);
  });

  it('make writes a FITS cube that info and the reader understand', async () => {
    const f = join(tmp, 't.fits');
    const r = JSON.parse(await run(['template', 'make', '--model', 'kra5', '--out', f, '--nside', '8', '--bins', '5', '--threads', '1', '--json']));
    expect(r.nEnergies).toBe(5);
    expect(existsSync(f)).toBe(true);
    const t = readTemplateFits(f);
    expect(t.kind).toBe('cube');
    expect(t.nside).toBe(8);
    expect(t.frame).toBe('galactic');
  });

  it('rejects an unknown template name, a non-FITS file and a bad --nside with typed errors', async () => {
    await expect(run(['template', 'info', 'kra7'])).rejects.toThrow(InputError);
    await expect(run(['template', 'info', 'kra7'])).rejects.toThrow('template kra7: expected a built-in name (pi0, kra5, kra50) or an existing file, found neither');
    const notFits = join(tmp, 'text.fits');
    writeFileSync(notFits, 'hello\n');
    await expect(run(['template', 'info', notFits])).rejects.toThrow(FileFormatError);
    await expect(run(['template', 'make', '--model', 'kra5', '--out', join(tmp, 'n.fits'), '--nside', '3'])).rejects.toThrow('--nside: expected a power of 2 from 1 to 512, found "3"');
  });

  it('rejects an unknown frame naming the option', async () => {
    await expect(run(['template', 'info', 'pi0', '--frame', 'ecliptic'])).rejects.toThrow('--frame: expected equatorial or galactic, found ecliptic');
  });
});
