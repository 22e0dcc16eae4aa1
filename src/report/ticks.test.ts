import { describe, expect, it } from 'vitest';
import { formatNumber, formatPow10, formatTicks, linearTickLabels, linearTicks, logTicks, niceStep } from './ticks.js';

describe('linear ticks', () => {
  it('choose 1-2-5 steps that land on round numbers inside the range', () => {
    expect(linearTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(linearTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(linearTicks(0.013, 0.087, 5)).toEqual([0.02, 0.04, 0.06, 0.08]);
    expect(linearTicks(3, 1, 2)).toEqual([1, 2, 3]);
    expect(niceStep(0, 100, 4)).toBe(20);
    expect(niceStep(0, 1, 10)).toBe(0.1);
  });

  it('round away binary noise (0.1 steps give 0.3, not 0.30000000000000004)', () => {
    expect(linearTicks(0, 0.5, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('return the single value for an empty range and nothing for non-finite input', () => {
    expect(linearTicks(2, 2)).toEqual([2]);
    expect(linearTicks(NaN, 1)).toEqual([]);
  });

  it('share one label format with enough decimals and a typographic minus', () => {
    expect(formatTicks([0, 0.5, 1])).toEqual(['0.0', '0.5', '1.0']);
    expect(formatTicks([-2, 0, 2])).toEqual(['−2', '0', '2']);
    expect(formatTicks([0, 2.5, 5])).toEqual(['0.0', '2.5', '5.0']);
    expect(linearTickLabels(0, 3e-6, 3).map((t) => t.label)).toEqual(['0', '10⁻⁶', '2×10⁻⁶', '3×10⁻⁶']);
  });
});

describe('log ticks', () => {
  it('put majors on every decade with 10ⁿ labels and unlabelled minors at 2…9', () => {
    const t = logTicks(1e-3, 10);
    expect(t.filter((x) => !x.minor).map((x) => x.label)).toEqual(['10⁻³', '10⁻²', '10⁻¹', '1', '10']);
    expect(t.filter((x) => x.minor).length).toBe(4 * 8);
    expect(t.every((x, i) => i === 0 || x.value > t[i - 1]!.value)).toBe(true);
  });

  it('thin out majors over many decades and drop minors beyond six decades', () => {
    const t = logTicks(1e-20, 1e20, 8);
    expect(t.every((x) => !x.minor)).toBe(true);
    expect(t.length).toBeLessThanOrEqual(8);
  });

  it('label 2 and 5 multiples when less than two decades are inside', () => {
    const t = logTicks(3, 40).filter((x) => x.label);
    expect(t.map((x) => x.label)).toEqual(['5', '10', '20']);
  });

  it('are empty for a non-positive range', () => {
    expect(logTicks(0, 1)).toEqual([]);
  });
});

describe('number labels', () => {
  it('use superscript powers of ten and compact decimals', () => {
    expect(formatPow10(-12)).toBe('10⁻¹²');
    expect(formatNumber(1.5e-7)).toBe('1.5×10⁻⁷');
    expect(formatNumber(-0.25)).toBe('−0.25');
    expect(formatNumber(123456)).toBe('123500');
    expect(formatNumber(2e9)).toBe('2×10⁹');
  });
});
