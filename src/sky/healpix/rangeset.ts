/**
 * Sorted, disjoint half-open integer ranges [a, b) — the pixel sets of the
 * query functions (healpix_cxx rangeset, reduced to what the queries use).
 */
export class RangeSet {
  /** Flat list a0, b0, a1, b1, … */
  readonly r: number[] = [];

  /** Append [a, b), which must not start before the last range; touching ranges merge. */
  append(a: number, b: number): void {
    if (b <= a) return;
    const n = this.r.length;
    if (n > 0 && a <= this.r[n - 1]) {
      if (b > this.r[n - 1]) this.r[n - 1] = b;
    } else this.r.push(a, b);
  }

  appendSet(o: RangeSet): void {
    for (let i = 0; i < o.r.length; i += 2) this.append(o.r[i], o.r[i + 1]);
  }

  /** Keep only the parts inside [a, b). */
  intersect(a: number, b: number): void {
    const out: number[] = [];
    for (let i = 0; i < this.r.length; i += 2) {
      const lo = Math.max(a, this.r[i]), hi = Math.min(b, this.r[i + 1]);
      if (lo < hi) out.push(lo, hi);
    }
    this.r.length = 0;
    this.r.push(...out);
  }

  /** Remove [a, b). */
  remove(a: number, b: number): void {
    if (b <= a) return;
    const out: number[] = [];
    for (let i = 0; i < this.r.length; i += 2) {
      const s = this.r[i], e = this.r[i + 1];
      if (s < a) out.push(s, Math.min(e, a));
      if (e > b) out.push(Math.max(s, b), e);
    }
    this.r.length = 0;
    this.r.push(...out);
  }

  /** Number of integers in the set. */
  size(): number {
    let n = 0;
    for (let i = 0; i < this.r.length; i += 2) n += this.r[i + 1] - this.r[i];
    return n;
  }

  /** All integers of the set, ascending. */
  toArray(): Float64Array {
    const out = new Float64Array(this.size());
    let k = 0;
    for (let i = 0; i < this.r.length; i += 2) for (let p = this.r[i]; p < this.r[i + 1]; p++) out[k++] = p;
    return out;
  }
}
