import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpAt, ringPairs } from './ringInterp.js';

const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/likelihood/ang2pix.json', import.meta.url), 'utf8'));

describe('ring-pair bilinear interpolation', () => {
  it('equals healpy.get_interp_val away from the polar caps (nside 8)', () => {
    const { map, ra, dec, val } = fx.interp;
    const m = Float64Array.from(map);
    const rp = ringPairs(8, dec.map(Math.sin));
    let checked = 0;
    for (let i = 0; i < ra.length; i++) {
      // healpy treats points beyond the first/last ring centre with a pole construction; we hold the ring
      if (Math.abs(Math.sin(dec[i])) > 1 - 1 / (3 * 64)) continue;
      expect(interpAt(m, 0, rp, i, ra[i])).toBeCloseTo(val[i], 12);
      checked++;
    }
    expect(checked).toBeGreaterThan(190);
  });
});
