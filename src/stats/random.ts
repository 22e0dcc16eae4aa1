/**
 * Seeded random numbers. Nothing in nusky reads a global random state: every
 * stochastic function takes an `Rng`. `Rng.forStream(seed, stream)` gives an
 * independent generator per trial/worker task, so results do not depend on how
 * trials are split across workers.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018, https://prng.di.unimi.it/),
 * seeded through splitmix32 so that nearby seeds give unrelated streams.
 */

function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [state, z >>> 0];
}

/** Mix two 32-bit integers into one well-distributed 32-bit seed. */
export function hashSeed(a: number, b: number): number {
  let h = Math.imul((a >>> 0) ^ 0x27d4eb2d, 0x165667b1);
  h = Math.imul(h ^ (h >>> 15) ^ (b >>> 0), 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Rng's state: the xoshiro128** words and the polar method's spare normal (NaN: none). */
export interface RngState { s0: number; s1: number; s2: number; s3: number; spareNormal: number }

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal = NaN;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng: seed must be a finite number, got ${seed}`);
    let st = (Math.floor(seed) ^ Math.floor(seed / 4294967296)) | 0;
    let v: number;
    [st, v] = splitmix32(st); this.s0 = v;
    [st, v] = splitmix32(st); this.s1 = v;
    [st, v] = splitmix32(st); this.s2 = v;
    [st, v] = splitmix32(st); this.s3 = v;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** An independent generator for task `stream` of a run seeded with `seed`. */
  static forStream(seed: number, stream: number): Rng {
    return new Rng(hashSeed(hashSeed(seed >>> 0, Math.floor(seed / 4294967296)), stream >>> 0) + (Math.floor(stream / 4294967296) >>> 0) * 4294967296);
  }

  /** The generator state (into `out` when given), for twins of the generator that continue its stream (WebAssembly). */
  getState(out: RngState = { s0: 0, s1: 0, s2: 0, s3: 0, spareNormal: NaN }): RngState {
    out.s0 = this.s0; out.s1 = this.s1; out.s2 = this.s2; out.s3 = this.s3; out.spareNormal = this.spareNormal;
    return out;
  }

  /** Continue from `st` (words as int32 or uint32; an all-zero state is refused: xoshiro would stay at zero). */
  setState(st: RngState): void {
    if (((st.s0 | st.s1 | st.s2 | st.s3) | 0) === 0) throw new RangeError('Rng.setState: all-zero xoshiro128** state');
    this.s0 = st.s0 | 0; this.s1 = st.s1 | 0; this.s2 = st.s2 | 0; this.s3 = st.s3 | 0;
    this.spareNormal = st.spareNormal;
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 = s2 ^ s0;
    this.s3 = s3 ^ s1;
    this.s1 = s1 ^ this.s2;
    this.s0 = s0 ^ this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in [a, b). */
  uniformIn(a: number, b: number): number {
    return a + (b - a) * this.uniform();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal deviate (Marsaglia polar method). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = NaN;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** Exponential deviate with rate 1. */
  exponential(): number {
    return -Math.log(1 - this.uniform());
  }

  /**
   * Poisson deviate. Knuth's multiplication method below mean 30; above, the
   * PTRS transformed rejection of Hörmann (1993), Insurance: Math. Econ. 12, 39.
   */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`Rng.poisson: mean must be finite and >= 0, got ${mean}`);
    if (mean === 0) return 0;
    if (mean < 30) {
      const l = Math.exp(-mean);
      let k = 0;
      let p = this.uniform();
      while (p > l) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const loglam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - lgamma(k + 1)) return k;
    }
  }

  /** Fill `out` with uniforms in [0, 1) (the same numbers as repeated `uniform()` calls). */
  fillUniform(out: Float64Array, n = out.length): Float64Array {
    // the generator state lives in locals for the loop: ~4× faster than n method calls in V8
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    for (let i = 0; i < n; i++) {
      let r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      const hi = (r >>> 0) >>> 5;
      r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      out[i] = (hi * 67108864 + ((r >>> 0) >>> 6)) / 9007199254740992;
    }
    this.s0 = s0; this.s1 = s1; this.s2 = s2; this.s3 = s3;
    return out;
  }

  /**
   * out[i] = offset + scale · nextUint32() for i < n (the same numbers as repeated `nextUint32()`
   * calls). With scale 2π/2³² this is the RA scramble's draw.
   */
  fillUint32Scaled(out: Float64Array, n: number, scale: number, offset = 0): Float64Array {
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    for (let i = 0; i < n; i++) {
      const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      out[i] = offset + scale * (r >>> 0);
    }
    this.s0 = s0; this.s1 = s1; this.s2 = s2; this.s3 = s3;
    return out;
  }

  /** Fill `out[0..n)` with standard normals (the same numbers as repeated `normal()` calls). */
  fillNormal(out: Float64Array, n = out.length): Float64Array {
    let i = 0;
    if (n > 0 && !Number.isNaN(this.spareNormal)) {
      out[i++] = this.spareNormal;
      this.spareNormal = NaN;
    }
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    while (i < n) {
      let u: number, v: number, s: number;
      do {
        // two uniforms, each from two 32-bit outputs (as uniform())
        let r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        let t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
        let hi = (r >>> 0) >>> 5;
        r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
        u = 2 * ((hi * 67108864 + ((r >>> 0) >>> 6)) / 9007199254740992) - 1;
        r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
        hi = (r >>> 0) >>> 5;
        r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
        v = 2 * ((hi * 67108864 + ((r >>> 0) >>> 6)) / 9007199254740992) - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      out[i++] = u * f;
      if (i < n) out[i++] = v * f;
      else this.spareNormal = v * f;
    }
    this.s0 = s0; this.s1 = s1; this.s2 = s2; this.s3 = s3;
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative). */
export function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
