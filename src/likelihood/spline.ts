/**
 * Natural cubic splines sharing one set of knots, for many series at once
 * (e.g. ln of the energy S/B of every (sin δ, log E) bin on a γ grid).
 * Evaluation weights depend only on x, so one call fills all series: O(M).
 */
export class MultiSpline {
  readonly knots: Float64Array;
  readonly nSeries: number;
  /** y[k * nSeries + m] */
  private readonly y: Float64Array;
  /** second derivatives, same layout */
  private readonly y2: Float64Array;

  constructor(knots: ArrayLike<number>, values: Float64Array[]) {
    const K = knots.length;
    if (K < 2 || values.length !== K) throw new RangeError(`MultiSpline: need ≥ 2 knots and one series row per knot (${K}, ${values.length})`);
    this.knots = Float64Array.from(knots);
    for (let k = 1; k < K; k++) if (!(this.knots[k] > this.knots[k - 1])) throw new RangeError('MultiSpline: knots must increase');
    const M = values[0].length;
    this.nSeries = M;
    this.y = new Float64Array(K * M);
    for (let k = 0; k < K; k++) this.y.set(values[k], k * M);
    this.y2 = new Float64Array(K * M);
    // tridiagonal solve (Numerical Recipes `spline`, natural boundary) per series
    const u = new Float64Array(K);
    const x = this.knots;
    for (let m = 0; m < M; m++) {
      this.y2[m] = 0;
      u[0] = 0;
      for (let k = 1; k < K - 1; k++) {
        const sig = (x[k] - x[k - 1]) / (x[k + 1] - x[k - 1]);
        const p = sig * this.y2[(k - 1) * M + m] + 2;
        this.y2[k * M + m] = (sig - 1) / p;
        const dy =
          (this.y[(k + 1) * M + m] - this.y[k * M + m]) / (x[k + 1] - x[k]) -
          (this.y[k * M + m] - this.y[(k - 1) * M + m]) / (x[k] - x[k - 1]);
        u[k] = ((6 * dy) / (x[k + 1] - x[k - 1]) - sig * u[k - 1]) / p;
      }
      this.y2[(K - 1) * M + m] = 0;
      for (let k = K - 2; k >= 0; k--) this.y2[k * M + m] = this.y2[k * M + m] * this.y2[(k + 1) * M + m] + u[k];
    }
  }

  /**
   * Fill `out` with the spline values at x (clamped to the knot range) and, when given,
   * `d1` with dy/dx and `d2` with d²y/dx². Allocates nothing.
   */
  evalInto(xv: number, out: Float64Array, d1?: Float64Array, d2?: Float64Array): void {
    const x = this.knots;
    const K = x.length;
    const M = this.nSeries;
    const xc = xv < x[0] ? x[0] : xv > x[K - 1] ? x[K - 1] : xv;
    let k = 0;
    while (k < K - 2 && xc > x[k + 1]) k++;
    const h = x[k + 1] - x[k];
    const a = (x[k + 1] - xc) / h;
    const b = 1 - a;
    const c = ((a * a * a - a) * h * h) / 6;
    const d = ((b * b * b - b) * h * h) / 6;
    const o0 = k * M;
    const o1 = o0 + M;
    const y = this.y;
    const y2 = this.y2;
    for (let m = 0; m < M; m++) out[m] = a * y[o0 + m] + b * y[o1 + m] + c * y2[o0 + m] + d * y2[o1 + m];
    if (d1) {
      const ca = -(3 * a * a - 1) * h / 6;
      const cb = (3 * b * b - 1) * h / 6;
      for (let m = 0; m < M; m++) d1[m] = (y[o1 + m] - y[o0 + m]) / h + ca * y2[o0 + m] + cb * y2[o1 + m];
    }
    if (d2) for (let m = 0; m < M; m++) d2[m] = a * y2[o0 + m] + b * y2[o1 + m];
  }
}
