/** Map reordering RING ↔ NESTED (healpy reorder). */
import { InputError } from '../../errors.js';
import { npix2nside, checkNside } from './nside.js';
import { nestToRing } from './pixel.js';

export interface ReorderOptions {
  /** RING → NESTED. */
  r2n?: boolean;
  /** NESTED → RING. */
  n2r?: boolean;
  /** Input ordering ('RING' | 'NESTED'/'NEST'), used when r2n/n2r are not set. */
  inp?: string;
  /** Output ordering. */
  out?: string;
}

function scheme(s: string | undefined, name: string): 'RING' | 'NEST' {
  const u = String(s).toUpperCase().slice(0, 4);
  if (u !== 'RING' && u !== 'NEST') throw new InputError(`reorder: ${name}: expected 'RING' or 'NESTED', found ${String(s)}`);
  return u;
}

/**
 * A new map with the pixels of `map` in the other ordering. As healpy, r2n/n2r
 * override inp/out; equal input and output orderings return a copy.
 */
export function reorder(map: Float64Array, opts: ReorderOptions): Float64Array {
  const nside = npix2nside(map.length);
  checkNside(nside, 'reorder');
  let inp: 'RING' | 'NEST', out: 'RING' | 'NEST';
  if (opts.r2n) [inp, out] = ['RING', 'NEST'];
  else if (opts.n2r) [inp, out] = ['NEST', 'RING'];
  else [inp, out] = [scheme(opts.inp, 'inp'), scheme(opts.out, 'out')];
  const n = map.length;
  const res = new Float64Array(n);
  if (inp === out) {
    res.set(map);
  } else if (inp === 'RING') {
    for (let p = 0; p < n; p++) res[p] = map[nestToRing(nside, p)];
  } else {
    for (let p = 0; p < n; p++) res[nestToRing(nside, p)] = map[p];
  }
  return res;
}
