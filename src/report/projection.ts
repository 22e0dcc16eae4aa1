/**
 * Mollweide (equal-area) projection maths, in the normalisation of Snyder, "Map Projections — A
 * Working Manual" (USGS PP 1395, 1987), pp. 249–252, with R = 1:
 *   x = (2√2/π) λ cos ψ,  y = √2 sin ψ,  where  2ψ + sin 2ψ = π sin φ.
 * The plane is the ellipse x² / 8 + y² / 2 ≤ 1 (x ∈ [−2√2, 2√2], y ∈ [−√2, √2]).
 * λ is the longitude measured from the central meridian, increasing to the right here; sky plots
 * flip it (longitude grows to the left) in mollweide.ts.
 */

export const SQRT2 = Math.SQRT2;
/** Half-width and half-height of the projected ellipse. */
export const MOLL_XMAX = 2 * SQRT2;
export const MOLL_YMAX = SQRT2;

/**
 * The auxiliary angle ψ with 2ψ + sin 2ψ = π sin φ, by Newton's method on θ = 2ψ.
 * Near the poles Newton converges only linearly (f′ → 0), so it starts from the pole expansion
 * π − (2ψ + sin 2ψ) ≈ (4/3)(π/2 − ψ)³, which makes it quadratic again.
 */
export function mollweideAux(lat: number): number {
  const s = Math.sin(lat);
  const target = Math.PI * s;
  const a = Math.abs(lat);
  if (a >= Math.PI / 2) return Math.sign(lat) * (Math.PI / 2);
  let th: number;
  if (a > 1.2) {
    const d = Math.cbrt((3 * Math.PI * (1 - Math.abs(s))) / 4);
    th = Math.sign(lat) * (Math.PI - 2 * d);
  } else {
    th = 2 * lat;
  }
  for (let it = 0; it < 30; it++) {
    const f = th + Math.sin(th) - target;
    const df = 1 + Math.cos(th);
    if (df < 1e-300) break;
    const step = f / df;
    th -= step;
    if (Math.abs(step) < 1e-15) break;
  }
  return th / 2;
}

/**
 * Forward projection of (λ, φ) in radians (λ relative to the central meridian, in [−π, π]) to
 * (x, y) written into out[0], out[1]. Returns out.
 */
export function mollweideForward(lon: number, lat: number, out: Float64Array | number[] = new Float64Array(2)): Float64Array | number[] {
  const psi = mollweideAux(lat);
  out[0] = ((2 * SQRT2) / Math.PI) * lon * Math.cos(psi);
  out[1] = SQRT2 * Math.sin(psi);
  return out;
}

/**
 * Inverse projection of (x, y) to (λ, φ) in radians, written to out. Points outside the ellipse
 * give NaN. Closed form: ψ = asin(y/√2), φ = asin((2ψ + sin 2ψ)/π), λ = πx / (2√2 cos ψ).
 */
export function mollweideInverse(x: number, y: number, out: Float64Array | number[] = new Float64Array(2)): Float64Array | number[] {
  if ((x * x) / 8 + (y * y) / 2 > 1 + 1e-12) {
    out[0] = NaN;
    out[1] = NaN;
    return out;
  }
  const sp = Math.min(1, Math.max(-1, y / SQRT2));
  const psi = Math.asin(sp);
  const c = Math.cos(psi);
  const sinLat = Math.min(1, Math.max(-1, (2 * psi + Math.sin(2 * psi)) / Math.PI));
  out[1] = Math.asin(sinLat);
  out[0] = c > 1e-15 ? (Math.PI * x) / (2 * SQRT2 * c) : 0;
  return out;
}

/** Half-width of the ellipse at height y: the x-range of valid points on that row. */
export function mollweideHalfWidth(y: number): number {
  const r = 1 - (y * y) / 2;
  return r > 0 ? 2 * SQRT2 * Math.sqrt(r) : 0;
}
