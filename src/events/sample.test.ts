import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../stats/random.js';
import { InputError, SchemaError } from '../errors.js';
import { tempDir } from '../../test/helpers/tmp.js';
import { concat, createSample, scrambleRa, subset, COMPONENTS, TOPOLOGIES } from './sample.js';
import { readSample, writeSample } from './io.js';
import { readPsReleaseEvents } from './ic40.js';

function demo(n: number, seed = 1) {
  const rng = new Rng(seed);
  const s = createSample(n, ['trueE', 'component', 'run']);
  for (let i = 0; i < n; i++) {
    s.time[i] = 55700 + rng.uniform() * 3000;
    s.ra[i] = rng.uniform() * 2 * Math.PI;
    s.dec[i] = Math.asin(2 * rng.uniform() - 1);
    s.angErr[i] = 0.1 + rng.uniform();
    s.logE[i] = 2.7 + 3 * rng.uniform();
    s.topology[i] = 1;
    s.trueE![i] = 10 ** (3 + rng.uniform());
    s.component![i] = i % COMPONENTS.length;
    s.run![i] = 120000 + i;
  }
  return s;
}

describe('event samples', () => {
  const dir = tempDir('events');

  it.each(['parquet', 'csv', 'fits'])('round-trips every column bit-exactly through %s', async (ext) => {
    const s = demo(2500);
    const f = join(dir, `s.${ext}`);
    writeSample(f, s);
    const r = await readSample(f);
    expect(r.n).toBe(s.n);
    for (const k of ['time', 'ra', 'dec', 'angErr', 'logE', 'trueE', 'run', 'topology', 'component'] as const) {
      expect(Array.from(r[k]!)).toEqual(Array.from(s[k]!));
    }
    expect(r.flavour).toBeUndefined();
  });

  it('rejects a file without a required column with a SchemaError naming file and column', async () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'time,ra,dec,angErr,topology\n1,2,3,4,cascade\n');
    await expect(readSample(f)).rejects.toThrow(SchemaError);
    await expect(readSample(f)).rejects.toThrow(/bad\.csv.*'logE'/);
  });

  it('rejects a missing file, a non-Parquet .parquet and a non-FITS .fits with typed errors naming the file', async () => {
    await expect(readSample(join(dir, 'missing.csv'))).rejects.toThrow(InputError);
    await expect(readSample(join(dir, 'missing.csv'))).rejects.toThrow(/missing\.csv: cannot read file \(ENOENT\)/);
    const pq = join(dir, 'text.parquet');
    writeFileSync(pq, 'hello\n');
    await expect(readSample(pq)).rejects.toThrow(SchemaError);
    await expect(readSample(pq)).rejects.toThrow(/text\.parquet: file: expected a Parquet file/);
    const fits = join(dir, 'text.fits');
    writeFileSync(fits, 'hello\n');
    await expect(readSample(fits)).rejects.toThrow(/text\.fits: HDU 0 first card: expected .*SIMPLE/);
  });

  it('rejects an unknown category with the expected names in the message', async () => {
    const f = join(dir, 'bad2.csv');
    writeFileSync(f, 'time,ra,dec,angErr,logE,topology\n1,2,0.3,0.1,3,starting\n');
    await expect(readSample(f)).rejects.toThrow(/topology.*track\|cascade.*starting/);
  });

  it('concat keeps order and only the columns all inputs share; subset selects by mask and indices', () => {
    const a = demo(10, 1), b = demo(5, 2);
    delete b.run;
    const c = concat([a, b]);
    expect(c.n).toBe(15);
    expect(c.run).toBeUndefined();
    expect(c.ra[12]).toBe(b.ra[2]);
    const m = subset(c, Array.from({ length: 15 }, (_, i) => i % 3 === 0));
    expect(m.n).toBe(5);
    expect(m.logE[1]).toBe(c.logE[3]);
    expect(subset(c, [14, 0], true).dec[0]).toBe(c.dec[14]);
  });

  it('scrambleRa fills a preallocated array uniformly in [0, 2π) and is reproducible', () => {
    const out = new Float64Array(100000);
    scrambleRa(out.length, new Rng(5), out);
    let mean = 0, lo = Infinity, hi = -Infinity;
    for (const v of out) { mean += v; lo = Math.min(lo, v); hi = Math.max(hi, v); }
    mean /= out.length;
    expect(Math.abs(mean - Math.PI)).toBeLessThan(0.02); // σ_mean = 2π/√12/√N ≈ 0.0057
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(2 * Math.PI);
    expect(scrambleRa(demo(3), new Rng(5))[0]).toBe(out[0]);
  });
});

const ic40 = fileURLToPath(new URL('../../../shared/data/icecube_10yr_ps_2008_2018/events/IC40_exp.csv', import.meta.url));
describe.skipIf(!existsSync(ic40))('IC40 release events (needs ../shared/data; skipped when absent)', () => {
  it('loads 36,900 track events with the documented ranges', () => {
    const s = readPsReleaseEvents(ic40);
    expect(s.n).toBe(36900);
    expect(s.topology.every((t) => t === TOPOLOGIES.indexOf('track'))).toBe(true);
    expect(Math.min(...s.dec) * 180 / Math.PI).toBeCloseTo(-89.955, 3);
    expect(Math.max(...s.time)).toBeCloseTo(54971.133, 3);
    expect(Math.min(...s.angErr) * 180 / Math.PI).toBeGreaterThanOrEqual(0.2 - 1e-9);
  });
});

describe('PS release event files', () => {
  it('accepts the official header that starts with "# "', () => {
    const s = readPsReleaseEvents('x.csv', '# MJD[days]  log10(E/GeV)   AngErr[deg]       RA[deg]      Dec[deg]  Azimuth[deg]   Zenith[deg]\n 54562.37 3.31 0.48 203.024 16.76 218.374 106.712\n');
    expect(s.n).toBe(1);
    expect(s.ra[0]).toBeCloseTo((203.024 * Math.PI) / 180, 12);
  });
});
