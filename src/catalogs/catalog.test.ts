import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, readCatalogCsv, sourceList, stackingCatalog, tableS4 } from './catalog.js';
import { tempDir } from '../../test/helpers/tmp.js';

describe('built-in catalogs', () => {
  it('the three stacking catalogs have 12 sources each and match paper Table S4 position by position', () => {
    const s4 = tableS4();
    for (const name of ['snr', 'pwn', 'unid'] as const) {
      const c = stackingCatalog(name);
      expect(c.sources).toHaveLength(12);
      expect(s4[name]).toHaveLength(12);
      c.sources.forEach((s, k) => {
        // Table S4 rounds to 2 decimals
        expect(Math.abs(s.raDeg - s4[name][k].raDeg)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(s.decDeg - s4[name][k].decDeg)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(s.weight).toBe(1);
      });
    }
  });

  it('reads known positions: Vela Junior (133.0, −46.33), Crab (83.63, 22.01), MGRO J1908+06 RA 286.91', () => {
    expect(stackingCatalog('snr').sources[0]).toMatchObject({ raDeg: 133.0, decDeg: -46.33 });
    expect(stackingCatalog('pwn').sources[1]).toMatchObject({ name: 'Crab nebula', raDeg: 83.63, decDeg: 22.01 });
    expect(tableS4().unid[0].raDeg).toBe(286.91);
  });

  it('the source list has 109 entries with the paper’s results (NGC 1068, PMN J1650-5044)', () => {
    const l = sourceList();
    expect(l).toHaveLength(109);
    const ngc = l.find((s) => s.name === 'NGC 1068');
    expect(ngc).toMatchObject({ raDeg: 40.7, ns: 87.1, gamma: 4.0, ul2: 1.88 });
    expect(l.find((s) => s.name === 'PMN J1650-5044')).toMatchObject({ raDeg: 252.6, decDeg: -50.8, ns: 88.1 });
  });

  it('gives flux weights from the γ-ray spectrum (dN/dE at 1 TeV)', () => {
    const vela = stackingCatalog('pwn').sources[0];
    expect(vela.flux1TeV).toBeCloseTo(1.17e-11 * Math.exp(-1 / 7), 20);
  });
});

describe('user catalogs', () => {
  const dir = tempDir('cat');
  it('reads name, ra, dec, weight columns', () => {
    const f = join(dir, 'a.csv');
    writeFileSync(f, 'name,ra,dec,weight\nA,10,-20,2\nB,30.5,45,0.5\n');
    const c = loadCatalog(f);
    expect(c.sources).toEqual([
      { name: 'A', raDeg: 10, decDeg: -20, weight: 2 },
      { name: 'B', raDeg: 30.5, decDeg: 45, weight: 0.5 },
    ]);
  });
  it('names file, line, expected and found on bad input', () => {
    const f = join(dir, 'b.csv');
    writeFileSync(f, 'ra,dec\n10,95\n');
    expect(() => readCatalogCsv(f)).toThrow(`${f}: line 2, dec: expected a declination in [-90, 90] degrees, found 95`);
    writeFileSync(f, 'x,y\n1,2\n');
    expect(() => readCatalogCsv(f)).toThrow('expected columns ra_deg (or ra) and dec_deg (or dec), in degrees, found x,y');
  });
});
