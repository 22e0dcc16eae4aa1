/**
 * LaneRng's generator (src/stats/laneRng.ts) as WebAssembly SIMD code for the hand-assembled trial
 * kernels: the four xoshiro128** states live word-major at `stateAddr` (16 i32, one i32x4 per state
 * word), and one `step` advances all four lanes. Shared by the ps/stack draws (psLaneDrawsWasm.ts) and
 * the template RA draws (templateRaLanes.ts), so that the twins of LaneRng cannot drift apart.
 */
import { f, i, l, v, s, lget as g, lset, type Code } from './wasmAsm.js';

/** v128 locals needed from `at` on: the state words, r, t, h, and a round's uniforms (lanes 0, 1) and (2, 3) */
export const LANE_LOCALS = 9;
export const laneLocals = (at: number) => ({ S0: at, S1: at + 1, S2: at + 2, S3: at + 3, R: at + 4, T: at + 5, H: at + 6, UA: at + 7, UB: at + 8 });
export type LaneLocals = ReturnType<typeof laneLocals>;

export function laneAsm(stateAddr: number) {
  const sp = (x: number) => v.splat(f.c(x)), sp32 = (n: number) => v.splat32(i.c(n));
  const rotl = (x: Code, k: number) => v.or(v.shl32(x, i.c(k)), v.shrU32(x, i.c(32 - k)));
  const load = (q: LaneLocals) => s.seq(lset(q.S0, v.load(i.c(0), stateAddr)), lset(q.S1, v.load(i.c(0), stateAddr + 16)), lset(q.S2, v.load(i.c(0), stateAddr + 32)), lset(q.S3, v.load(i.c(0), stateAddr + 48)));
  const save = (q: LaneLocals) => s.seq(v.store(i.c(0), g(q.S0), stateAddr), v.store(i.c(0), g(q.S1), stateAddr + 16), v.store(i.c(0), g(q.S2), stateAddr + 32), v.store(i.c(0), g(q.S3), stateAddr + 48));
  /** xoshiro128** in every lane, output into R: r = rotl(s1·5, 7)·9; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11) */
  const step = (q: LaneLocals) => s.seq(
    lset(q.R, v.mul32(rotl(v.mul32(g(q.S1), sp32(5)), 7), sp32(9))),
    lset(q.T, v.shl32(g(q.S1), i.c(9))),
    lset(q.S2, v.xor(g(q.S2), g(q.S0))), lset(q.S3, v.xor(g(q.S3), g(q.S1))), lset(q.S1, v.xor(g(q.S1), g(q.S2))),
    lset(q.S0, v.xor(g(q.S0), g(q.S3))), lset(q.S2, v.xor(g(q.S2), g(q.T))), lset(q.S3, rotl(g(q.S3), 11)));
  // one round: each lane's uniform (h·2²⁰ + (l >>> 12))/2⁵², h and l its two outputs, as the double 1 + that − 1
  // (the 52 bits under the exponent of 1.0); UA = lanes 0, 1, UB = lanes 2, 3
  const one = v.splat64(l.c(0x3ff0000000000000n));
  const unif = (x: Code) => v.sub(v.or(v.shrU64(x, i.c(12)), one), sp(1));
  /** LaneRng.fillUniform's round: lane j's uniform in UA (j = 0, 1) and UB (j = 2, 3) */
  const round = (q: LaneLocals) => s.seq(
    step(q), lset(q.H, g(q.R)), step(q),
    lset(q.UA, unif(v.zipLow32(g(q.R), g(q.H)))),
    lset(q.UB, unif(v.zipHigh32(g(q.R), g(q.H)))),
  );
  // the u32 outputs as doubles: [r, 0x43300000] is the double 2⁵² + r (r unsigned), minus 2⁵² exactly r
  const hi52 = sp32(0x43300000), two52 = sp(4503599627370496);
  /** LaneRng.fillUint32Scaled's round (one step): lane j's output r_j (unsigned, as a double) in UA (j = 0, 1) and UB (j = 2, 3) */
  const roundU32 = (q: LaneLocals) => s.seq(
    step(q),
    lset(q.UA, v.sub(v.zipLow32(g(q.R), hi52), two52)),
    lset(q.UB, v.sub(v.zipHigh32(g(q.R), hi52), two52)),
  );
  /**
   * A bulk fill's body: out[k] = x_k·scale for k < n, x_k from `next` (round: uniforms; roundU32: u32 outputs),
   * one round of 4 per step; the last, partial round goes through 32 bytes of scratch at `tail` and only its
   * first n − k numbers are kept (all lanes step, as LaneRng's fills). Locals: 0 = n (the parameter), 1 and 2
   * i32 counters, `q` the lane locals; the state is loaded before and saved after.
   */
  const fill = (q: LaneLocals, next: (q: LaneLocals) => Code, scale: Code, out: number, tail: number): Code => {
    const N = 0, K = 1, J = 2;
    const o8 = (x: Code) => i.shl(x, i.c(3));
    return s.seq(
      load(q),
      lset(K, i.c(0)),
      s.block(s.loop(s.seq(
        s.brIf(1, i.gtS(i.add(g(K), i.c(4)), g(N))),
        next(q),
        v.store(o8(g(K)), v.mul(g(q.UA), scale), out),
        v.store(o8(g(K)), v.mul(g(q.UB), scale), out + 16),
        lset(K, i.add(g(K), i.c(4))),
        s.br(0),
      ))),
      s.if(i.ltS(g(K), g(N)), s.seq(
        next(q),
        v.store(i.c(0), v.mul(g(q.UA), scale), tail),
        v.store(i.c(0), v.mul(g(q.UB), scale), tail + 16),
        s.for(J, i.c(0), i.sub(g(N), g(K)), f.store(o8(i.add(g(K), g(J))), f.load(o8(g(J)), tail), out)),
      )),
      save(q),
    );
  };
  return { load, save, step, round, roundU32, fill };
}
