/**
 * Rotation of a_lm by ZYZ Euler angles (healpy.rotate_alm / HEALPix C++ rotate_alm conventions):
 * active rotation R = R_z(φ) R_y(θ) R_z(ψ) — first ψ about z, then θ about the original y, then φ about
 * the original z; the rotated map is f'(n) = f(R⁻¹ n). Per l:
 *   a'_lm = e^{−imφ} Σ_{m'=−l..l} d^l_{m'm}(θ) e^{−im'ψ} a_lm',  a_{l,−m'} = (−1)^{m'} conj(a_lm').
 *
 * Wigner d^l(θ) comes from Risbo's recursion (T. Risbo 1996, J. Geodesy 70, 383): the (2j+1)-dimensional
 * representation is built from the one of dimension 2j by coupling a spin-½ rotation
 * [[q, −p], [p, q]], p = sin(θ/2), q = cos(θ/2); two half-steps per l. It is stable for all θ and
 * costs O(l²) per l, so O(lmax³) in total (like healpy).
 */
import { InputError } from '../../errors.js';
import { type Alm, almIndex, checkAlm, cloneAlm } from './alm.js';

/** Successive Wigner d matrices d^0, d^1, … : after next(), d[(l+m')·stride + (l+m)] = d^l_{m'm}(θ). */
export class WignerRisbo {
  readonly stride: number;
  private cur: Float64Array;
  private nxt: Float64Array;
  private readonly sq: Float64Array;
  private readonly p: number;
  private readonly q: number;
  private l = -1;

  constructor(lmax: number, theta: number) {
    this.stride = 2 * lmax + 1;
    this.cur = new Float64Array(this.stride * this.stride);
    this.nxt = new Float64Array(this.stride * this.stride);
    this.sq = new Float64Array(2 * lmax + 2);
    for (let i = 0; i < this.sq.length; i++) this.sq[i] = Math.sqrt(i);
    this.p = Math.sin(theta / 2);
    this.q = Math.cos(theta / 2);
  }

  /** Advance to the next l and return the matrix (valid until the next call). */
  next(): Float64Array {
    this.l++;
    if (this.l === 0) { this.cur[0] = 1; return this.cur; }
    this.halfStep(2 * this.l - 1);
    this.halfStep(2 * this.l);
    return this.cur;
  }

  /** From dimension j (indices 0…j−1) to dimension j+1 (indices 0…j). */
  private halfStep(j: number): void {
    const o = this.cur, n = this.nxt, S = this.stride, sq = this.sq, p = this.p, q = this.q;
    const inv = 1 / j;
    for (let k = 0; k <= j; k++) {
      const a = sq[j - k] * inv, b = sq[k] * inv;
      for (let i = 0; i <= j; i++) {
        let v = 0;
        if (k < j) {
          if (i < j) v += a * sq[j - i] * q * o[k * S + i];
          if (i > 0) v -= a * sq[i] * p * o[k * S + i - 1];
        }
        if (k > 0) {
          if (i < j) v += b * sq[j - i] * p * o[(k - 1) * S + i];
          if (i > 0) v += b * sq[i] * q * o[(k - 1) * S + i - 1];
        }
        n[k * S + i] = v;
      }
    }
    this.nxt = o; this.cur = n;
  }
}

/** Rotate alm by ZYZ Euler angles (radians); returns a new Alm. Requires mmax = lmax (as healpy). */
export function rotateAlm(alm: Alm, psi: number, theta: number, phi: number): Alm {
  checkAlm(alm);
  if (alm.mmax !== alm.lmax) throw new InputError(`rotateAlm: mmax: expected mmax = lmax = ${alm.lmax}, found ${alm.mmax}`);
  for (const [k, v] of [['psi', psi], ['theta', theta], ['phi', phi]] as const)
    if (!Number.isFinite(v)) throw new InputError(`rotateAlm: ${k}: expected a finite angle in radians, found ${v}`);
  const { lmax } = alm;
  const out = cloneAlm(alm);
  const rec = new WignerRisbo(lmax, theta);
  const S = rec.stride;
  const tr = new Float64Array(lmax + 1), ti = new Float64Array(lmax + 1);
  const br = new Float64Array(lmax + 1), bi = new Float64Array(lmax + 1);
  for (let l = 0; l <= lmax; l++) {
    const d = rec.next();
    // b_m' = e^{−im'ψ} a_lm'
    for (let mp = 0; mp <= l; mp++) {
      const i = almIndex(l, mp, lmax), c = Math.cos(mp * psi), s = -Math.sin(mp * psi);
      br[mp] = alm.re[i] * c - alm.im[i] * s; bi[mp] = alm.re[i] * s + alm.im[i] * c;
    }
    for (let m = 0; m <= l; m++) { const d0 = d[l * S + l + m]; tr[m] = d0 * br[0]; ti[m] = d0 * bi[0]; }
    for (let mp = 1; mp <= l; mp++) {
      const sgn = mp & 1 ? -1 : 1, rp = (l + mp) * S + l, rn = (l - mp) * S + l, xr = br[mp], xi = bi[mp];
      for (let m = 0; m <= l; m++) {
        const d1 = d[rp + m], d2 = sgn * d[rn + m];
        tr[m] += (d1 + d2) * xr; ti[m] += (d1 - d2) * xi;
      }
    }
    for (let m = 0; m <= l; m++) {
      const i = almIndex(l, m, lmax), c = Math.cos(m * phi), s = -Math.sin(m * phi);
      out.re[i] = tr[m] * c - ti[m] * s; out.im[i] = tr[m] * s + ti[m] * c;
    }
  }
  return out;
}

/**
 * ZYZ Euler angles (ψ, θ, φ) of a rotation matrix M = R_z(φ) R_y(θ) R_z(ψ) (row-major 3×3),
 * suitable for rotateAlm.
 */
export function matrixToEulerZYZ(M: ArrayLike<ArrayLike<number>>): [number, number, number] {
  const theta = Math.atan2(Math.hypot(M[0][2], M[1][2]), M[2][2]);
  if (Math.abs(Math.sin(theta)) < 1e-15) {
    // gimbal lock: only ψ+φ (θ=0) or φ−ψ (θ=π) is defined; put it all in φ (ψ=0)
    return M[2][2] > 0 ? [0, theta, Math.atan2(M[1][0], M[0][0])] : [0, theta, Math.atan2(-M[1][0], -M[0][0])];
  }
  return [Math.atan2(M[2][1], -M[2][0]), theta, Math.atan2(M[1][2], M[0][2])];
}
