import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { register, parsePsSignal, readCatalogSignals } from './simulate.js';
import { readSample } from '../../events/io.js';
import { InputError, SchemaError } from '../../errors.js';
import { runCli, tempDir } from '../../../test/helpers/cli.js';

const run = (args: string[]): Promise<string> => runCli(register, args);

describe('nusky simulate', () => {
  const dir = tempDir('sim');

  it('writes a signal-only point-source sample whose events sit near the source, and reports it as JSON', async () => {
    const f = join(dir, 'ps.csv');
    const res = JSON.parse(await run(['simulate', '--no-background', '--signal', 'ps:83.63,22.01,2e-10,2', '--seed', '4', '--out', f, '--json']));
    const s = await readSample(f);
    expect(res.events).toBe(s.n);
    expect(res.byComponent.signal).toBe(s.n);
    expect(Math.abs(s.n - res.expectedSignal[0])).toBeLessThan(5 * Math.sqrt(res.expectedSignal[0]));
    expect(s.trueDec![0]).toBeCloseTo((22.01 * Math.PI) / 180, 12);
  });

  it('--report writes the release comparison tables, plots and summary (no temp files left)', async () => {
    const rep = join(dir, 'report');
    const res = JSON.parse(await run(['simulate', '--seed', '2', '--out', join(dir, 'bg.parquet'), '--report', rep, '--json']));
    expect(res.report).toBe(rep);
    const files = readdirSync(rep).sort();
    expect(files).toEqual(['angerr.csv', 'angerr.png', 'psf_median.csv', 'psf_median.png', 'sindec.csv', 'sindec.png', 'summary.json', 'summary.md']);
    expect(readFileSync(join(rep, 'summary.md'), 'utf8')).toMatch(/^\| quantity \| simulation \| release \|/);
    expect(JSON.parse(readFileSync(join(rep, 'summary.json'), 'utf8'))).toHaveProperty('shares');
  });

  it('reads point sources from a catalog CSV and rejects malformed specs with typed errors', () => {
    const f = join(dir, 'cat.csv');
    writeFileSync(f, 'name,ra,dec,flux,gamma\nA,10,-20,1e-12,2.5\nB,300,45,2e-12,\n');
    const sig = readCatalogSignals(f);
    expect(sig).toHaveLength(2);
    expect(sig[1].kind === 'ps' && sig[1].spectrum(1e5) / 2e-19).toBeCloseTo(1, 12);
    writeFileSync(f, 'name,ra,flux\nA,10,1e-12\n');
    expect(() => readCatalogSignals(f)).toThrow(SchemaError);
    expect(() => parsePsSignal('1,2,3')).toThrow(InputError);
    expect(() => parsePsSignal('1,95,1e-12,2')).toThrow(/DEC/);
    expect(() => parsePsSignal('1,x,1e-12,2')).toThrow('--signal ps field DEC: expected a number, found "x"');
    expect(() => readCatalogSignals(join(dir, 'missing.csv'))).toThrow(InputError);
    expect(() => readCatalogSignals(join(dir, 'missing.csv'))).toThrow(/missing\.csv: cannot read file \(ENOENT\)/);
  });
});
