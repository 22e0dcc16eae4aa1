import { describe, expect, it } from 'vitest';
import { alm2map, map2alm } from './transforms.js';
import { alm2mapAsync, map2almAsync, smoothingAsync } from './parallel.js';
import { hashAlm, hashMap, loadBin, relErr, relErrAlm } from '../../../test/fixtures/sht/load.js';

describe('worker-thread transforms', () => {
  it('map2almAsync with 3 threads equals map2alm (iter 3) to rounding', async () => {
    const m = hashMap(32);
    expect(relErrAlm(await map2almAsync(m, { threads: 3 }), map2alm(m))).toBeLessThan(1e-14);
  });
  it('alm2mapAsync with 2 threads equals alm2map', async () => {
    const a = hashAlm(95);
    expect(relErr(await alm2mapAsync(a, 32, { threads: 2 }), alm2map(a, 32))).toBeLessThan(1e-15);
  });
  it('smoothingAsync(sigma=5°) matches healpy.smoothing at nside 32', async () => {
    const out = await smoothingAsync(hashMap(32), { sigma: (5 * Math.PI) / 180, threads: 2 });
    expect(relErr(out, loadBin('smoothing_n32_sigma5deg'))).toBeLessThan(1e-10);
  });
});
