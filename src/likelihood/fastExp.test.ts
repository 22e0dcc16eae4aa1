import { describe, expect, it } from 'vitest';
import { fastExp } from './fastExp.js';

describe('fastExp', () => {
  it('agrees with Math.exp to 4e-15 relative on [−700, 700]', () => {
    let worst = 0;
    for (let k = 0; k <= 200000; k++) {
      const x = -700 + (1400 * k) / 200000 + 1e-7 * Math.sin(k);
      worst = Math.max(worst, Math.abs(fastExp(x) / Math.exp(x) - 1));
    }
    expect(worst).toBeLessThan(4e-15);
  });

  it('is exact at 0, 0 below −700, NaN for NaN', () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-0)).toBe(1);
    expect(fastExp(-701)).toBe(0);
    expect(fastExp(-Infinity)).toBe(0);
    expect(fastExp(NaN)).toBeNaN();
    expect(fastExp(800)).toBe(Math.exp(800));
  });
});
