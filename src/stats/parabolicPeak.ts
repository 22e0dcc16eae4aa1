/**
 * The refinement step of a fit on a grid (here: TS over the spectral-index grid): the vertex of the
 * parabola through the best grid point and its two neighbours, as a fractional grid index.
 */

/**
 * Fractional index of the vertex of the parabola through y[b − 1], y[b], y[b + 1], where b is `best`
 * moved inside [1, n − 2]; NaN when n < 3, when the parabola does not open downward, or when the
 * vertex lies more than one step from b (then the grid point itself is the answer).
 */
export function parabolicPeak(y: ArrayLike<number>, n: number, best: number): number {
  if (n < 3) return NaN;
  const b = Math.min(Math.max(best, 1), n - 2);
  const y0 = y[b - 1], y1 = y[b], y2 = y[b + 1];
  const den = y0 - 2 * y1 + y2;
  if (!(den < 0)) return NaN;
  const t = (0.5 * (y0 - y2)) / den;
  if (!(Math.abs(t) <= 1)) return NaN;
  return b + t;
}
