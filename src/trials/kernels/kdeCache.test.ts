import { describe, expect, it } from 'vitest';
import { sinDecKde } from '../../likelihood/background.js';
import { CachedSinDecKde } from './kdeCache.js';
import { Rng } from '../../stats/random.js';

describe('CachedSinDecKde', () => {
  it('equals sinDecKde bit for bit on repeated draws of a few hundred events (edges included)', () => {
    const h = (5 * Math.PI) / 180;
    const cache = new CachedSinDecKde(h, 1000);
    const rng = new Rng(3);
    const buf = new Float64Array(400);
    for (let trial = 0; trial < 5; trial++) {
      const n = 100 + 60 * trial;
      for (let i = 0; i < n; i++) buf[i] = i % 50 === 0 ? (i % 100 === 0 ? 1 : -1) : 2 * rng.uniform() - 1;
      const ref = sinDecKde(buf.subarray(0, n), h, 1000);
      const got = cache.density(buf, n);
      let maxDiff = 0;
      for (let j = 0; j < 1000; j++) maxDiff = Math.max(maxDiff, Math.abs(got.p[j] - ref.p[j]));
      expect(maxDiff).toBe(0);
      expect(Array.from(got.x)).toEqual(Array.from(ref.x));
    }
  });
});
