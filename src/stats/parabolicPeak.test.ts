import { describe, expect, it } from 'vitest';
import { parabolicPeak } from './parabolicPeak.js';

describe('parabolicPeak', () => {
  it('finds the vertex of a sampled downward parabola exactly', () => {
    for (const x0 of [2.3, 3.0, 3.75, 1.2]) {
      const y = Float64Array.from({ length: 7 }, (_, i) => 5 - 0.7 * (i - x0) ** 2);
      const best = y.indexOf(Math.max(...y));
      expect(parabolicPeak(y, 7, best)).toBeCloseTo(x0, 12);
    }
  });

  it('uses the interior neighbours when the best point is at an edge', () => {
    const y = Float64Array.from({ length: 5 }, (_, i) => -((i - 0.6) ** 2));
    expect(parabolicPeak(y, 5, 0)).toBeCloseTo(0.6, 12); // b moved to 1, vertex 0.4 steps below it
  });

  it('returns NaN for a flat or upward curve, a vertex beyond one step, or fewer than 3 points', () => {
    expect(parabolicPeak([1, 1, 1], 3, 1)).toBeNaN();
    expect(parabolicPeak([1, 0, 1], 3, 1)).toBeNaN();
    const far = Float64Array.from({ length: 6 }, (_, i) => -((i + 1.5) ** 2)); // vertex at −1.5, b = 1
    expect(parabolicPeak(far, 6, 0)).toBeNaN();
    expect(parabolicPeak([0, 1], 2, 1)).toBeNaN();
  });
});
