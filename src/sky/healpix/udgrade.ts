/**
 * Change of resolution, as healpy ud_grade: degrading averages the 4^k NESTED
 * sub-pixels of each output pixel, ignoring UNSEEN (and non-finite) values;
 * upgrading copies each value to its sub-pixels. `power` rescales by
 * (nsideOut/nsideIn)^power (power = −2 keeps sums, e.g. for hit maps).
 */
import { InputError } from '../../errors.js';
import { UNSEEN } from '../types.js';
import { npix2nside, checkNside } from './nside.js';
import { reorder } from './reorder.js';

export interface UdGradeOptions {
  /** Ordering of the input map: 'RING' (default) or 'NESTED'/'NEST'. */
  orderIn?: string;
  /** Ordering of the output map; defaults to orderIn. */
  orderOut?: string;
  /** If set and non-zero, multiply by (nsideOut/nsideIn)^power. */
  power?: number;
  /** Degrading: UNSEEN when any sub-pixel is bad (pessimistic) rather than only when all are. */
  pess?: boolean;
}

function scheme(s: string, name: string): 'RING' | 'NEST' {
  const u = s.toUpperCase().slice(0, 4);
  if (u !== 'RING' && u !== 'NEST') throw new InputError(`udGrade: ${name}: expected 'RING' or 'NESTED', found ${s}`);
  return u;
}

// healpy mask_bad: |v − UNSEEN| ≤ atol + rtol·|UNSEEN| with atol = 1e-8, rtol = 1e-5
const BAD_TOL = 1e-8 + 1e-5 * Math.abs(UNSEEN);

/** True for values healpy treats as masked (close to UNSEEN) and, unlike healpy, for NaN/±∞. */
export function isBad(v: number): boolean {
  return !(Math.abs(v - UNSEEN) > BAD_TOL) || !Number.isFinite(v);
}

/**
 * Map at resolution nsideOut. Differences from healpy, both deliberate: UNSEEN
 * stays UNSEEN when upgrading with `power` (healpy multiplies it), and NaN/±∞
 * count as bad sub-pixels when degrading (healpy's sum turns the parent into NaN).
 */
export function udGrade(map: Float64Array, nsideOut: number, opts: UdGradeOptions = {}): Float64Array {
  const nsideIn = npix2nside(map.length);
  checkNside(nsideIn, 'udGrade');
  checkNside(nsideOut, 'udGrade');
  const orderIn = scheme(opts.orderIn ?? 'RING', 'orderIn');
  const orderOut = scheme(opts.orderOut ?? orderIn, 'orderOut');
  const m = orderIn === 'RING' ? reorder(map, { r2n: true }) : map;
  const ratio = opts.power ? (nsideOut / nsideIn) ** opts.power : 1;
  const npixOut = 12 * nsideOut * nsideOut;
  let out: Float64Array;
  if (nsideOut > nsideIn) {
    const rat2 = npixOut / m.length;
    out = new Float64Array(npixOut);
    for (let i = 0; i < m.length; i++) {
      const v = m[i] === UNSEEN ? UNSEEN : m[i] * ratio;
      out.fill(v, i * rat2, (i + 1) * rat2);
    }
  } else if (nsideOut < nsideIn) {
    const rat2 = m.length / npixOut;
    out = new Float64Array(npixOut);
    for (let j = 0; j < npixOut; j++) {
      let sum = 0, nhit = 0;
      for (let k = j * rat2; k < (j + 1) * rat2; k++) {
        const v = m[k];
        if (!isBad(v)) {
          sum += v;
          nhit++;
        }
      }
      const bad = opts.pess ? nhit !== rat2 : nhit === 0;
      out[j] = bad ? UNSEEN : sum / (opts.power ? nhit / ratio : nhit);
    }
  } else {
    out = Float64Array.from(m);
  }
  return orderOut === 'RING' ? reorder(out, { n2r: true }) : out;
}
