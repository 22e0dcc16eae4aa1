/**
 * Bulk trigonometry for trial kernels (results within ~2 ulp of Math.cos/Math.sin, fastTrig.test.ts):
 *  - cos/sin of angles in [0, 2π] (scrambled right ascensions): a 4096-entry table of
 *    cos/sin(j·step) plus a short Taylor series for the remainder r = α − j·step (|r| < 2·step,
 *    r⁶/720 < 1e-19), joined by the addition theorem;
 *  - sin/cos of a jittered declination δ = δ0 + Δ from the stored sin/cos δ0 and the addition
 *    theorem, with Taylor series of sin Δ, cos Δ (|Δ| ≤ 0.25, 4.8σ of the 3° jitter: truncation
 *    < 3e-18; Math beyond).
 * Each costs a few multiplications instead of a ~20 ns Math.sin/Math.cos call.
 */
const S3 = 1 / 6, S5 = 1 / 120, S7 = 1 / 5040, S9 = 1 / 362880, S11 = 1 / 39916800;
const C2 = 1 / 2, C4 = 1 / 24, C6 = 1 / 720, C8 = 1 / 40320, C10 = 1 / 3628800, C12 = 1 / 479001600;

const NT = 4096;
const STEP = (2 * Math.PI) / NT;
const INV_STEP = NT / (2 * Math.PI);
const TC = new Float64Array(NT + 2);
const TS = new Float64Array(NT + 2);
for (let j = 0; j < NT + 2; j++) {
  TC[j] = Math.cos(j * STEP);
  TS[j] = Math.sin(j * STEP);
}
/** the RA table and its step, for the WebAssembly twin of fillCosSin (psPassWasm.ts) */
export const TRIG_STEP = STEP, TRIG_INV_STEP = INV_STEP, TRIG_TABLE_COS: Readonly<Float64Array> = TC, TRIG_TABLE_SIN: Readonly<Float64Array> = TS;

/** c[i] = cos a[i], s[i] = sin a[i] for i in [from, to); angles outside [0, 2π] use Math. */
export function fillCosSin(a: Float64Array, from: number, to: number, c: Float64Array, s: Float64Array): void {
  for (let i = from; i < to; i++) {
    const x = a[i];
    if (!(x >= 0 && x <= 2 * Math.PI)) {
      c[i] = Math.cos(x);
      s[i] = Math.sin(x);
      continue;
    }
    const j = (x * INV_STEP) | 0;
    // j·STEP is rounded the same way as in the table, so r is the exact remainder
    const r = x - j * STEP;
    const r2 = r * r;
    const cr = 1 - r2 * (C2 - r2 * (C4 - r2 * C6));
    const sr = r * (1 - r2 * (S3 - r2 * (S5 - r2 * S7)));
    const tc = TC[j], ts = TS[j];
    c[i] = tc * cr - ts * sr;
    s[i] = ts * cr + tc * sr;
  }
}

/**
 * sin and cos of dec[i] from sin/cos of dec0[i] (s0, c0) for i in [from, to):
 * sin(δ0 + Δ) = s0 cos Δ + c0 sin Δ, cos(δ0 + Δ) = c0 cos Δ − s0 sin Δ.
 */
export function fillShiftedSinCos(dec: Float64Array, dec0: Float64Array, s0: Float64Array, c0: Float64Array, from: number, to: number, s: Float64Array, c: Float64Array): void {
  for (let i = from; i < to; i++) {
    const d = dec[i] - dec0[i];
    if (d === 0) {
      s[i] = s0[i];
      c[i] = c0[i];
      continue;
    }
    if (!(d <= 0.25 && d >= -0.25)) {
      s[i] = Math.sin(dec[i]);
      c[i] = Math.cos(dec[i]);
      continue;
    }
    const d2 = d * d;
    // Taylor to d¹¹ / d¹² (Horner in d²; |d| ≤ 0.25: truncation < 3e-18)
    const sd = d * (1 - d2 * (S3 - d2 * (S5 - d2 * (S7 - d2 * (S9 - d2 * S11)))));
    const cd = 1 - d2 * (C2 - d2 * (C4 - d2 * (C6 - d2 * (C8 - d2 * (C10 - d2 * C12)))));
    const a = s0[i], b = c0[i];
    s[i] = a * cd + b * sd;
    c[i] = b * cd - a * sd;
  }
}
