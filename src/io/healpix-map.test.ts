import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMap, readMaps, readHealpixFile } from './healpix-map.js';
import { writeMap } from './healpix-map-write.js';
import { writeTable } from './table.js';
import { UNSEEN, type SkyMap } from '../sky/types.js';
import { FitsError } from '../errors.js';
import { tempDir } from '../../test/helpers/tmp.js';

const FIX = new URL('../../test/fixtures/io/', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(join(FIX, 'expected.json'), 'utf8'));
const tmp = tempDir('map');
/** The fixture script's map values: ((i*7 + k) % 97) * 0.25 - 3, exact in float32. */
const ramp = (npix: number, k = 0): number[] => Array.from({ length: npix }, (_, i) => (((i * 7 + k) % 97) * 0.25) - 3);

function expectHeaderAsHealpy(file: string, hdrExpected: Record<string, unknown>): void {
  const got = readHealpixFile(file).header.toObject();
  for (const [k, v] of Object.entries(hdrExpected)) expect([k, got[k]]).toEqual([k, v]);
}

describe('readMap on maps written by healpy', () => {
  it('reads a RING float64 Galactic map with units, UNSEEN pixels and the full header', () => {
    const m = readMap(join(FIX, 'ring_f64.fits'));
    const want = ramp(192);
    want[5] = UNSEEN;
    expect(m).toMatchObject({ nside: 4, ordering: 'RING', frame: 'galactic', name: 'T', unit: 'K' });
    expect(Array.from(m.data)).toEqual(want);
    expectHeaderAsHealpy(join(FIX, 'ring_f64.fits'), expected['ring_f64.fits'].header);
  });

  it('reads healpy multi-element rows (TFORM 1024E) of a NESTED float32 map, reordering to RING by default as healpy', () => {
    const file = join(FIX, 'nest_f32_1024E.fits');
    const asFile = readMap(file, { nest: null });
    expect(asFile.ordering).toBe('NESTED');
    expect(asFile.frame).toBe('equatorial');
    expect(Array.from(asFile.data)).toEqual(ramp(3072, 3));
    const ring = readMap(file);
    expect(ring.ordering).toBe('RING');
    const ringOfNest: number[] = expected['nest_f32_1024E.fits'].ring_of_nest;
    expect(ringOfNest.map((r) => ring.data[r])).toEqual(Array.from(asFile.data));
    expect(readHealpixFile(file).columns[0]!.tform).toBe('1024E');
    expectHeaderAsHealpy(file, expected['nest_f32_1024E.fits'].header);
  });

  it('expands a partial (EXPLICIT) map with UNSEEN where the PIXEL column has no entry', () => {
    const m = readMap(join(FIX, 'partial.fits'));
    const r = ramp(768, 1);
    expect(Array.from(m.data)).toEqual(r.map((v, i) => (i % 5 === 0 ? v : UNSEEN)));
    expect(readHealpixFile(join(FIX, 'partial.fits')).partial).toBe(true);
    expectHeaderAsHealpy(join(FIX, 'partial.fits'), expected['partial.fits'].header);
  });

  it('reads three named columns with units from a gzip-compressed file, by index and by name', () => {
    const maps = readMaps(join(FIX, 'three.fits.gz'));
    expect(maps.map((m) => [m.name, m.unit])).toEqual([['I', 'K'], ['Q', 'mK'], ['U', 'uK']]);
    maps.forEach((m, k) => expect(Array.from(m.data)).toEqual(ramp(768, k)));
    expect(readMap(join(FIX, 'three.fits.gz'), { field: 'u' }).name).toBe('U');
    expect(readMap(join(FIX, 'three.fits.gz'), { field: 1, hdu: 'XTENSION' }).name).toBe('Q');
    expect(() => readMap(join(FIX, 'three.fits.gz'), { field: 'V' })).toThrow(/HDU 1 field V: expected one of 0=I, 1=Q, 2=U, found no such column/);
    expectHeaderAsHealpy(join(FIX, 'three.fits.gz'), expected['three.fits.gz'].header);
  });

  it('reads an int64 column exactly (values beyond 2^31) and needs a frame when COORDSYS is absent', () => {
    const file = join(FIX, 'int64.fits');
    expect(() => readMap(file)).toThrow(`${file}: HDU 1 keyword COORDSYS: expected 'G' or 'C' (or pass the frame option), found no such keyword`);
    const m = readMap(file, { frame: 'equatorial' });
    expect(Array.from(m.data, String)).toEqual(expected['int64.fits'].values);
  });

  it("dtype 'float32' rounds values to single precision as healpy's dtype=np.float32, keeping UNSEEN exact", () => {
    const m = readMap(join(FIX, 'partial.fits'), { dtype: 'float32' });
    const d = readMap(join(FIX, 'partial.fits'));
    expect(Array.from(m.data)).toEqual(Array.from(d.data, (v) => (v === UNSEEN ? UNSEEN : Math.fround(v))));
    expect(m.data[1]).toBe(UNSEEN);
  });
});

describe('writeMap', () => {
  const base: SkyMap = { nside: 2, ordering: 'NESTED', frame: 'galactic', data: Float64Array.from(ramp(48)), name: 'FLUX', unit: 'sr^-1' };

  it('round-trips SkyMaps in every dtype, ordering, partial and gzip', () => {
    const withHole = { ...base, data: Float64Array.from(base.data) };
    withHole.data[7] = UNSEEN;
    for (const dtype of ['float64', 'float32', 'int64', 'int32'] as const) {
      for (const partial of [false, true]) {
        const file = join(tmp, `m_${dtype}_${partial}.fits.gz`);
        const src = dtype.startsWith('int') ? { ...base, data: base.data.map((v) => Math.round(v * 4)) } : withHole;
        writeMap(file, src, { dtype, partial: partial && !dtype.startsWith('int') });
        const back = readMap(file, { nest: true });
        expect(back).toMatchObject({ nside: 2, ordering: 'NESTED', frame: 'galactic', name: 'FLUX', unit: 'sr^-1' });
        expect(Array.from(back.data)).toEqual(Array.from(src.data));
      }
    }
  });

  it('writes the ordering asked for (reordering), healpy header keywords, extra cards and 1024-element rows', () => {
    const big: SkyMap = { nside: 16, ordering: 'RING', frame: 'equatorial', data: Float64Array.from(ramp(3072)) };
    const file = join(tmp, 'idl.fits');
    writeMap(file, big, { nest: true, fitsIdl: true, dtype: 'float32', extraHeader: [['TELESCOP', 'IceCube', 'instrument']] });
    const f = readHealpixFile(file);
    expect(f.columns[0]!.tform).toBe('1024E');
    expect(f.header.toObject()).toMatchObject({ PIXTYPE: 'HEALPIX', ORDERING: 'NESTED', COORDSYS: 'C', NSIDE: 16, FIRSTPIX: 0, LASTPIX: 3071, INDXSCHM: 'IMPLICIT', OBJECT: 'FULLSKY', TELESCOP: 'IceCube', TTYPE1: 'TEMPERATURE' });
    expect(Array.from(readMap(file).data)).toEqual(ramp(3072));
  });

  it('refuses contradictions instead of guessing: coord against frame, non-integers as int, mixed nside', () => {
    expect(() => writeMap(join(tmp, 'x.fits'), base, { coord: 'C' })).toThrow("coord 'C' contradicts the maps' frame galactic");
    expect(() => writeMap(join(tmp, 'x.fits'), base, { dtype: 'int' })).toThrow('column FLUX pixel 1: dtype int needs integer values, found -1.25');
    expect(() => writeMap(join(tmp, 'x.fits'), [base, { ...base, nside: 1, data: new Float64Array(12) }])).toThrow('same number of pixels');
  });
});

describe('bad HEALPix files give FitsError naming file, HDU and keyword', () => {
  it('rejects a table whose length does not match NSIDE, an unknown ORDERING and ecliptic maps', () => {
    const f = join(tmp, 'bad_nside.fits');
    writeTable(f, { T: new Float64Array(48) }, { header: { NSIDE: 4, ORDERING: 'RING', COORDSYS: 'G' } });
    expect(() => readMap(f)).toThrow(FitsError);
    expect(() => readMap(f)).toThrow(`${f}: HDU 1 column T: expected 192 values for NSIDE 4, found 48`);
    const g = join(tmp, 'bad_ord.fits');
    writeTable(g, { T: new Float64Array(48) }, { header: { NSIDE: 2, ORDERING: 'SPIRAL' } });
    expect(() => readMap(g)).toThrow(`${g}: HDU 1 keyword ORDERING: expected 'RING' or 'NESTED', found 'SPIRAL'`);
    const e = join(tmp, 'ecl.fits');
    writeMap(e, new Float64Array(48), { coord: 'E' });
    expect(() => readMap(e)).toThrow(/keyword COORDSYS: expected 'G' \(galactic\) or 'C'\/'Q' \(equatorial\); ecliptic maps are not supported, found 'E'/);
    const n = join(tmp, 'bad_n.fits');
    writeTable(n, { T: new Float64Array(48) }, { header: { NSIDE: 3 } });
    expect(() => readMap(n, { frame: 'galactic' })).toThrow(`${n}: HDU 1 keyword NSIDE: expected a power of 2, found 3`);
    const t = join(tmp, 'not_a_map.fits');
    writeTable(t, { RA: new Float64Array(5) });
    expect(() => readMap(t, { frame: 'galactic' })).toThrow(`${t}: HDU 1 keyword NSIDE: expected an NSIDE, or a column of 12·nside² values, found no NSIDE and 5 values`);
    const ok = join(tmp, 'no_nside.fits');
    writeTable(ok, { T: new Float64Array(48).fill(2) });
    expect(readMap(ok, { frame: 'galactic' }).nside).toBe(2);
  });
});
