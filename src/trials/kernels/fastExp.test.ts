import { describe, expect, it } from 'vitest';
import { fastExp } from './fastExp.js';

describe('fastExp', () => {
  it('equals Math.exp within 4 ulp (relative 9e-16) on [−745, 709], and passes other arguments to Math.exp', () => {
    let worst = 0;
    for (let k = 0; k <= 400000; k++) {
      const x = (k % 2 ? -745 : 709) * (k / 400000) ** 2 - (k % 13) * 1e-9;
      const e = Math.exp(x);
      if (e < 1e-300) continue; // subnormal results: absolute error only
      worst = Math.max(worst, Math.abs(fastExp(x) / e - 1));
    }
    expect(worst).toBeLessThan(9e-16);
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-1e-300)).toBe(1);
    expect(fastExp(710)).toBe(Math.exp(710));
    expect(fastExp(-800)).toBe(0);
    expect(Number.isNaN(fastExp(NaN))).toBe(true);
  });
});
