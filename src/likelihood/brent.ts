/**
 * Brent's method for the maximum of a 1-D function on [a, b] (parabolic interpolation with
 * golden-section fallback; Brent 1973, "Algorithms for Minimization without Derivatives",
 * ch. 5, as in Numerical Recipes `brent`). `x0` is a starting point inside [a, b].
 * Returns the abscissa; the caller re-evaluates if it needs side effects of f at the optimum.
 */
export function brentMax(f: (x: number) => number, a: number, b: number, x0: number, tol = 1e-3, maxIter = 50): { x: number; fx: number; evals: number } {
  const CG = 0.381966011250105;
  let x = x0;
  let w = x0;
  let v = x0;
  let fx = -f(x0);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  let evals = 1;
  for (let it = 0; it < maxIter; it++) {
    const xm = 0.5 * (a + b);
    const tol1 = tol * 0.5 + 1e-12;
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      const etemp = e;
      e = d;
      if (!(Math.abs(p) >= Math.abs(0.5 * q * etemp) || p <= q * (a - x) || p >= q * (b - x))) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm - x >= 0 ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= xm ? a - x : b - x;
      d = CG * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = -f(u);
    evals++;
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx: -fx, evals };
}
