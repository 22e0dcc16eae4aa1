/**
 * Four xoshiro128** generators (Blackman & Vigna 2018, https://prng.di.unimi.it/) stepped together,
 * for bulk draws that WebAssembly SIMD computes four at a time (one generator per i32x4 lane; the
 * twin is src/trials/kernels/psLaneDrawsWasm.ts, bit for bit). This is the JS reference.
 *
 * Streams: each lane is an ordinary xoshiro128** stream (an `Rng` in lane j's state gives lane j's
 * outputs with `nextUint32()`); a lane's uniform takes two outputs h, l: (h·2²⁰ + ⌊l/2¹²⌋)/2⁵², the 52
 * bits a double holds under the exponent of 1.0 (so WebAssembly builds it with bit operations; Rng.uniform
 * keeps 53 bits, which needs two integer conversions per number). The interleaved
 * uniform stream takes uniform ⌊k/4⌋ of lane k mod 4 as its k-th number; bulk fills advance all
 * lanes together in rounds of 4 uniforms, and the numbers left over in a fill's last round are dropped.
 * Normals: Marsaglia's polar method on the interleaved uniforms, candidate c = (2U_2c − 1, 2U_2c+1 − 1)
 * (so u and v come from different lanes), accepted when 0 < s < 1; accepted pair k gives normals
 * 2k (u·f) and 2k + 1 (v·f), f = √(−2 ln s / s). A fill takes whole rounds (two candidates each); an
 * odd count drops the last v·f (no spare is kept).
 *
 * Seeding (`seedFrom`): 16 outputs of a parent Rng's stream, each through splitmix32's output function
 * with its own increment (a bijection, so the 128 bits of each lane are those of the parent's draws);
 * a lane left all-zero gets s0 = 1. Draws are thus fixed by the parent stream (a trial's
 * `Rng.forStream`), whatever the number of workers.
 */
import { Rng } from './random.js';

export const LANES = 4;
const GOLDEN = 0x9e3779b9;

/** splitmix32's output function of x + k·golden (bijective in x) */
function mix(x: number, k: number): number {
  let z = (x + Math.imul(k, GOLDEN)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}

export class LaneRng {
  /**
   * word-major state: s0 of lanes 0…3, then s1, s2, s3 (one i32x4 vector per word). May be a view on
   * WebAssembly memory (16 int32) so that the twin reads it in place.
   */
  readonly state: Int32Array;

  constructor(state?: Int32Array) {
    if (state && state.length !== 4 * LANES) throw new RangeError(`LaneRng: state needs ${4 * LANES} words, got ${state.length}`);
    this.state = state ?? new Int32Array(4 * LANES);
    // a valid state until the first seedFrom (never all-zero lanes)
    this.seedFrom(new Rng(0x1a7e5));
  }

  /** Seed the lanes from 16 draws of `rng` (advances rng by 16 nextUint32). */
  seedFrom(rng: Rng): void {
    const s = this.state;
    for (let k = 0; k < 4 * LANES; k++) s[k] = mix(rng.nextUint32(), k + 1);
    for (let j = 0; j < LANES; j++) if ((s[j] | s[j + 4] | s[j + 8] | s[j + 12]) === 0) s[j] = 1;
  }

  /** Lane j's next 32-bit output, unsigned (one xoshiro128** step). */
  private laneNext(j: number): number {
    const st = this.state;
    let s0 = st[j], s1 = st[j + 4], s2 = st[j + 8], s3 = st[j + 12];
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
    st[j] = s0; st[j + 4] = s1; st[j + 8] = s2; st[j + 12] = s3;
    return r >>> 0;
  }

  /** Lane j's next uniform from its next two outputs h, l: (h·2²⁰ + ⌊l/2¹²⌋)/2⁵². */
  private laneUniform(j: number): number {
    const hi = this.laneNext(j);
    return (hi * 1048576 + (this.laneNext(j) >>> 12)) / 4503599627370496;
  }

  /** out[0..n) = the next n uniforms in [0, 1) of the interleaved stream (⌈n/4⌉ rounds). */
  fillUniform(out: Float64Array, n = out.length): Float64Array {
    for (let k = 0; k < n; k += LANES) {
      for (let j = 0; j < LANES; j++) {
        const u = this.laneUniform(j);
        if (k + j < n) out[k + j] = u;
      }
    }
    return out;
  }

  /**
   * out[k] = r_k·scale, k < n, where r_k is the next 32-bit output (unsigned) of lane k mod 4: one
   * xoshiro128** step of all four lanes per round of 4 (the outputs left over in the last round are
   * dropped). With scale = RA_STEP (likelihood/scramble.ts) this is the template trial's RA scramble,
   * on the same 2³²-point grid as Rng.fillUint32Scaled's.
   */
  fillUint32Scaled(out: Float64Array, n: number, scale: number): Float64Array {
    for (let k = 0; k < n; k += LANES) {
      for (let j = 0; j < LANES; j++) {
        const r = this.laneNext(j);
        if (k + j < n) out[k + j] = r * scale;
      }
    }
    return out;
  }

  /** out[0..n) = standard normals by the polar method on the interleaved uniforms (see the file comment). */
  fillNormal(out: Float64Array, n = out.length): Float64Array {
    const need = (n + 1) >> 1;
    let pairs = 0;
    while (pairs < need) {
      // one round: candidates (U0, U1) and (U2, U3); both are looked at even when the first completes the fill
      for (let c = 0; c < 2; c++) {
        const u = 2 * this.laneUniform(2 * c) - 1;
        const v = 2 * this.laneUniform(2 * c + 1) - 1;
        const s = u * u + v * v;
        if (s >= 1 || s === 0 || pairs >= need) continue;
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        out[2 * pairs] = u * f;
        if (2 * pairs + 1 < n) out[2 * pairs + 1] = v * f;
        pairs++;
      }
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
