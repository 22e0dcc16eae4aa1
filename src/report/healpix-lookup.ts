/**
 * TEMPORARY: the one HEALPix call the plots need (ang2pix over arrays), until src/sky/healpix lands.
 * RING only (Górski et al. 2005, ApJ 622, 759, as in healpix_base ang2pix_ring).
 */
import { InputError } from '../errors.js';

export function ang2pixArray(nside: number, theta: Float64Array, phi: Float64Array, nest: boolean, out: Int32Array): Int32Array {
  if (nest) throw new InputError('report: NESTED lookup needs src/sky/healpix');
  const ncap = 2 * nside * (nside - 1);
  const npix = 12 * nside * nside;
  for (let i = 0; i < theta.length; i++) {
    const z = Math.cos(theta[i]!);
    const za = Math.abs(z);
    let tt = phi[i]! % (2 * Math.PI);
    if (tt < 0) tt += 2 * Math.PI;
    tt /= Math.PI / 2;
    if (za <= 2 / 3) {
      const t1 = nside * (0.5 + tt);
      const t2 = nside * z * 0.75;
      const jp = Math.floor(t1 - t2);
      const jm = Math.floor(t1 + t2);
      const ir = nside + 1 + jp - jm;
      const kshift = 1 - (ir & 1);
      let ip = Math.floor((jp + jm - nside + kshift + 1) / 2);
      ip = ((ip % (4 * nside)) + 4 * nside) % (4 * nside);
      out[i] = ncap + (ir - 1) * 4 * nside + ip;
    } else {
      const tp = tt - Math.floor(tt);
      const tmp = nside * Math.sqrt(3 * (1 - za));
      const jp = Math.floor(tp * tmp);
      const jm = Math.floor((1 - tp) * tmp);
      const ir = jp + jm + 1;
      let ip = Math.floor(tt * ir);
      ip %= 4 * ir;
      out[i] = z > 0 ? 2 * ir * (ir - 1) + ip : npix - 2 * ir * (ir + 1) + ip;
    }
  }
  return out;
}
