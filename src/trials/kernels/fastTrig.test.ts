import { describe, expect, it } from 'vitest';
import { Rng } from '../../stats/random.js';
import { fillCosSin, fillShiftedSinCos } from './fastTrig.js';

describe('bulk trigonometry', () => {
  it('fillCosSin equals Math.cos/Math.sin within 4e-16 on [0, 2π] (table + addition theorem)', () => {
    const n = 200000, rng = new Rng(1);
    const a = Float64Array.from({ length: n }, () => 2 * Math.PI * rng.uniform());
    a[0] = 0; a[1] = 2 * Math.PI; a[2] = Math.PI; a[3] = -0.3; a[4] = 7;
    const c = new Float64Array(n), s = new Float64Array(n);
    fillCosSin(a, 0, n, c, s);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(c[i] - Math.cos(a[i])), Math.abs(s[i] - Math.sin(a[i])));
    expect(worst).toBeLessThan(4e-16);
  });

  it('fillShiftedSinCos equals Math.sin/Math.cos of the jittered declination within 4e-16', () => {
    const n = 100000, rng = new Rng(2);
    const d0 = Float64Array.from({ length: n }, () => Math.asin(2 * rng.uniform() - 1));
    const d = Float64Array.from(d0, (x, i) => x + (i % 10 === 0 ? 0 : i % 97 === 0 ? 1.2 * rng.normal() : 0.1 * rng.normal()));
    const s0 = Float64Array.from(d0, Math.sin), c0 = Float64Array.from(d0, Math.cos);
    const s = new Float64Array(n), c = new Float64Array(n);
    fillShiftedSinCos(d, d0, s0, c0, 0, n, s, c);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(s[i] - Math.sin(d[i])), Math.abs(c[i] - Math.cos(d[i])));
    expect(worst).toBeLessThan(4e-16);
  });
});
