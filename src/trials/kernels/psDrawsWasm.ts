/**
 * Generators of the ps trial's random draws in WebAssembly (psPassWasm.ts): Rng's xoshiro128**
 * and Marsaglia polar method (src/stats/random.ts) on a copy of its state held in memory at A.rng
 * (4 words, then the spare normal), and fdlibm's log (V8's Math.log) as one expression:
 *  - ras(n) = scrambleRa (2π·uniform into ra), nfill(n) = fillNormal (into norm),
 *    nrm1() = one normal() (the jitter's redraws past the bulk normals), lg(x) = Math.log (tests).
 * Same numbers and the same state afterwards (psPassWasm.test.ts).
 */
import { f, i, l, s, v, lget as g, lset, I32, F64, V128, type Code, type FnDef } from './wasmAsm.js';
import { IMP, FN_LOG, type PsAsm } from './psWasmContext.js';

/**
 * The polar method's last step for a function whose param 0 is followed by `locals` (indices 1…): `factors`
 * sets pff[q] = √(−2 ln s / s) for the s in pss[q], q < NEED (locals NEED, QQ), two per f64x2 (psLaneDrawsWasm.ts); its code is
 * generated at each call (inside the caller's `hoisted`, its constants become the caller's locals).
 */
export interface PolarFactors { locals: number[]; factors: () => Code; NEED: number; QQ: number }

export function drawFns(c: PsAsm): { ras: FnDef; nfill: FnDef; nrm1: FnDef; lg: FnDef; polar: PolarFactors } {
  const { A, st, ld, o8 } = c;
  // fdlibm __ieee754_log (V8's Math.log) of x as an expression on locals L (x f64, bits i64, hx k ii i32, 7 f64):
  // positive normal x; Math.log (import) otherwise
  interface LogLocals { x: number; bits: number; hx: number; k: number; ii: number; f: number; ss: number; dk: number; z: number; w: number; r: number; hf: number }
  const LOG_TYPES = [F64, 0x7e, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64];
  const logExpr = (L: LogLocals, x: Code): Code => {
    const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    const Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01;
    const Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;
    const { bits: BITS, hx: HX, k: K, ii: II, f: F, ss: SS, dk: DK, z: Z, w: W, r: R, hf: HF } = L;
    const dkHi = f.mul(g(DK), f.c(LN2_HI)), dkLo = f.mul(g(DK), f.c(LN2_LO)), k0 = i.eqz(g(K));
    return s.seq(
      lset(L.x, x),
      lset(BITS, l.bits(g(L.x))),
      lset(HX, i.wrap(l.shrU(g(BITS), l.c(32n)))),
      s.ifv(F64, i.or(i.ltS(g(HX), i.c(0x00100000)), i.geS(g(HX), i.c(0x7ff00000))), s.call(IMP.log, g(L.x)), s.seq(
        lset(K, i.sub(i.shrS(g(HX), i.c(20)), i.c(1023))),
        lset(HX, i.and(g(HX), i.c(0x000fffff))),
        lset(II, i.and(i.add(g(HX), i.c(0x95f64)), i.c(0x100000))),
        // f = (x with its exponent set to 0 or −1, i.e. x or x/2 in [√2/2, √2)) − 1
        lset(F, f.sub(f.fromBits(l.or(l.shl(l.fromU(i.or(g(HX), i.xor(g(II), i.c(0x3ff00000)))), l.c(32n)), l.and(g(BITS), l.c(0xffffffffn)))), f.c(1))),
        lset(K, i.add(g(K), i.shrS(g(II), i.c(20)))),
        lset(DK, f.fromI(g(K))),
        s.ifv(F64, i.ltS(i.and(i.c(0x000fffff), i.add(i.c(2), g(HX))), i.c(3)),
          s.ifv(F64, f.eq(g(F), f.c(0)),
            s.ifv(F64, k0, f.c(0), f.add(dkHi, dkLo)),
            s.seq(
              lset(R, f.mul(f.mul(g(F), g(F)), f.sub(f.c(0.5), f.mul(f.c(0.33333333333333333), g(F))))),
              s.ifv(F64, k0, f.sub(g(F), g(R)), f.sub(dkHi, f.sub(f.sub(g(R), dkLo), g(F)))))),
          s.seq(
            lset(SS, f.div(g(F), f.add(f.c(2), g(F)))),
            lset(Z, f.mul(g(SS), g(SS))),
            lset(W, f.mul(g(Z), g(Z))),
            // R = t2 + t1, t1 = w(Lg2 + w(Lg4 + w·Lg6)), t2 = z(Lg1 + w(Lg3 + w(Lg5 + w·Lg7)))
            lset(R, f.add(
              f.mul(g(Z), f.add(f.c(Lg1), f.mul(g(W), f.add(f.c(Lg3), f.mul(g(W), f.add(f.c(Lg5), f.mul(g(W), f.c(Lg7)))))))),
              f.mul(g(W), f.add(f.c(Lg2), f.mul(g(W), f.add(f.c(Lg4), f.mul(g(W), f.c(Lg6)))))))),
            s.ifv(F64, i.gtS(i.or(i.sub(g(HX), i.c(0x6147a)), i.sub(i.c(0x6b851), g(HX))), i.c(0)),
              s.seq(
                lset(HF, f.mul(f.mul(f.c(0.5), g(F)), g(F))),
                s.ifv(F64, k0,
                  f.sub(g(F), f.sub(g(HF), f.mul(g(SS), f.add(g(HF), g(R))))),
                  f.sub(dkHi, f.sub(f.sub(g(HF), f.add(f.mul(g(SS), f.add(g(HF), g(R))), dkLo)), g(F))))),
              s.ifv(F64, k0,
                f.sub(g(F), f.mul(g(SS), f.sub(g(F), g(R)))),
                f.sub(dkHi, f.sub(f.sub(f.mul(g(SS), f.sub(g(F), g(R))), dkLo), g(F))))),
          )),
      )),
    );
  };

  // ---- the generator (random.ts Rng): xoshiro128** on locals q.s0…s3, state in memory at A.rng ----
  interface RngLocals { s0: number; s1: number; s2: number; s3: number; t: number; r: number; hi: number; u: number; v: number; ss: number; ff: number; sp: number }
  const rngLoad = (q: RngLocals) => s.seq(
    lset(q.s0, i.load(i.c(0), A.rng)), lset(q.s1, i.load(i.c(0), A.rng + 4)), lset(q.s2, i.load(i.c(0), A.rng + 8)), lset(q.s3, i.load(i.c(0), A.rng + 12)),
    lset(q.sp, f.load(i.c(0), A.rng + 16)));
  const rngSave = (q: RngLocals) => s.seq(
    i.store(i.c(0), g(q.s0), A.rng), i.store(i.c(0), g(q.s1), A.rng + 4), i.store(i.c(0), g(q.s2), A.rng + 8), i.store(i.c(0), g(q.s3), A.rng + 12),
    f.store(i.c(0), g(q.sp), A.rng + 16));
  // r = rotl(s1·5, 7)·9; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)
  const step = (q: RngLocals) => s.seq(
    lset(q.r, i.mul(i.rotl(i.mul(g(q.s1), i.c(5)), i.c(7)), i.c(9))),
    lset(q.t, i.shl(g(q.s1), i.c(9))),
    lset(q.s2, i.xor(g(q.s2), g(q.s0))), lset(q.s3, i.xor(g(q.s3), g(q.s1))), lset(q.s1, i.xor(g(q.s1), g(q.s2))),
    lset(q.s0, i.xor(g(q.s0), g(q.s3))), lset(q.s2, i.xor(g(q.s2), g(q.t))), lset(q.s3, i.rotl(g(q.s3), i.c(11))));
  // uniform(): (hi·2²⁶ + lo)/2⁵³ from two outputs (hi = r >>> 5, lo = r >>> 6)
  const uniform = (q: RngLocals) => s.seq(
    step(q), lset(q.hi, f.fromU(i.shrU(g(q.r), i.c(5)))), step(q),
    f.mul(f.add(f.mul(g(q.hi), f.c(67108864)), f.fromU(i.shrU(g(q.r), i.c(6)))), f.c(2 ** -53)));
  // normal(): the spare, or a polar-method pair (u·f returned, v·f kept as the spare)
  const normal = (q: RngLocals) => s.ifv(F64, f.eq(g(q.sp), g(q.sp)),
    s.seq(g(q.sp), lset(q.sp, f.c(NaN))),
    s.seq(
      s.loop(s.seq(
        lset(q.u, f.sub(f.mul(f.c(2), uniform(q)), f.c(1))),
        lset(q.v, f.sub(f.mul(f.c(2), uniform(q)), f.c(1))),
        lset(q.ss, f.add(f.mul(g(q.u), g(q.u)), f.mul(g(q.v), g(q.v)))),
        s.brIf(0, i.or(f.ge(g(q.ss), f.c(1)), f.eq(g(q.ss), f.c(0)))),
      )),
      lset(q.ff, f.sqrt(f.div(f.mul(f.c(-2), s.call(FN_LOG, g(q.ss))), g(q.ss)))),
      lset(q.sp, f.mul(g(q.v), g(q.ff))),
      f.mul(g(q.u), g(q.ff)),
    ));
  // locals of a function with the generator: 6 i32 then 6 f64 from index `at`
  const rngLocals = (at: number): RngLocals => ({ s0: at, s1: at + 1, s2: at + 2, s3: at + 3, t: at + 4, r: at + 5, hi: at + 6, u: at + 7, v: at + 8, ss: at + 9, ff: at + 10, sp: at + 11 });
  const RNG_TYPES = [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64];

  // ---- ras(n) = scrambleRa; nfill(n) = fillNormal into norm ----
  const fill = (name: string, target: string, value: (q: RngLocals) => Code) => {
    const q = rngLocals(2);
    return { name, params: [I32], locals: [I32, ...RNG_TYPES], body: s.seq(rngLoad(q), s.for(1, i.c(0), g(0), st(target, o8(g(1)), value(q))), rngSave(q)) };
  };
  const ras = fill('ras', 'ra', (q) => f.mul(f.c(2 * Math.PI), uniform(q)));
  // nfill(n) = fillNormal: (1) the spare; (2) polar-method attempts in stream order, accepted pairs (u, v), s
  // compacted without a branch (the next attempt overwrites a rejected one); (3) f = √(−2 ln s / s) four pairs at
  // a time (two f64x2 chains interleaved, fdlibm log lane-wise with i64x2 bit operations; lg per pair where a lane
  // needs its rare branches), then two, then one; (4) normals u·f, v·f in order, an odd last v·f kept as the spare
  const { fn: nfill, polar } = (() => {
    const N = 0, I = 1, q = rngLocals(2), NP = 14, NEED = 15, AC = 16, QQ = 17;
    // v128 locals: 18…31 one f64x2 chain of the factors (vS first), 44…57 the second (V2)
    const vS = 18, V2 = 44;
    const LOGL = { x: 32, bits: 33, hx: 34, k: 35, ii: 36, f: 37, ss: 38, dk: 39, z: 40, w: 41, r: 42, hf: 43 };
    const sp = v.k, sp64 = (n: number) => v.splat64(l.c(BigInt(n)));
    const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    const Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01;
    const Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;
    const attempts = s.seq(
      lset(AC, i.c(0)),
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(g(AC), g(NEED))),
        lset(q.u, f.sub(f.mul(f.c(2), uniform(q)), f.c(1))),
        lset(q.v, f.sub(f.mul(f.c(2), uniform(q)), f.c(1))),
        lset(q.ss, f.add(f.mul(g(q.u), g(q.u)), f.mul(g(q.v), g(q.v)))),
        st('puv', i.shl(g(AC), i.c(4)), g(q.u)), f.store(i.shl(g(AC), i.c(4)), g(q.v), A.puv + 8), st('pss', o8(g(AC)), g(q.ss)),
        // accepted unless s ≥ 1 or s = 0 (random.ts normal())
        lset(AC, i.add(g(AC), i.and(f.lt(g(q.ss), f.c(1)), f.ne(g(q.ss), f.c(0))))),
        s.br(0),
      ))),
    );
    // f of the two pairs at QQ + off (bytes) with the v128 locals from `b` (vS … vIP in the order above), as a list of
    // statements; exits at depth 0 to the per-pair lg where a lane needs lg's other branches
    const vecF = (b: number, off: number): Code[] => {
      const [vS, , vHX, vK, vII, vF, vT, vZ, vW, vR, vHF, vDK, vK0, vIP] = Array.from({ length: 14 }, (_, k) => b + k);
      const dkHi = v.mul(g(vDK), sp(LN2_HI)), dkLo = v.mul(g(vDK), sp(LN2_LO));
      return [
        lset(vS, v.load(o8(g(QQ)), A.pss + off)),
        lset(vHX, v.shrU64(g(vS), i.c(32))),
        // hx < 2^20 or ≥ 0x7ff00000 (0 ≤ hx < 2^32: signed compares and shifts as unsigned, V8 has no i64x2 shr_s)
        s.brIf(0, v.anyTrue(v.or(v.ltS64(g(vHX), sp64(0x00100000)), v.gtS64(g(vHX), sp64(0x7fefffff))))),
        lset(vK, v.sub64(v.shrU64(g(vHX), i.c(20)), sp64(1023))),
        lset(vHX, v.and(g(vHX), sp64(0x000fffff))),
        s.brIf(0, v.anyTrue(v.ltS64(v.and(v.add64(g(vHX), sp64(2)), sp64(0x000fffff)), sp64(3)))),
        lset(vII, v.and(v.add64(g(vHX), sp64(0x95f64)), sp64(0x100000))),
        lset(vF, v.sub(v.or(v.shl64(v.or(g(vHX), v.xor(g(vII), sp64(0x3ff00000))), i.c(32)), v.and(g(vS), sp64(0xffffffff))), sp(1))),
        lset(vK, v.add64(g(vK), v.shrU64(g(vII), i.c(20)))),
        lset(vDK, v.convLow(v.lowWords(g(vK)))),
        lset(vK0, v.eq64(g(vK), sp64(0))),
        lset(vIP, v.gtS64(v.or(v.sub64(g(vHX), sp64(0x6147a)), v.sub64(sp64(0x6b851), g(vHX))), sp64(0))),
        lset(vT, v.div(g(vF), v.add(sp(2), g(vF)))),
        lset(vZ, v.mul(g(vT), g(vT))),
        lset(vW, v.mul(g(vZ), g(vZ))),
        lset(vR, v.add(
          v.mul(g(vZ), v.add(sp(Lg1), v.mul(g(vW), v.add(sp(Lg3), v.mul(g(vW), v.add(sp(Lg5), v.mul(g(vW), sp(Lg7)))))))),
          v.mul(g(vW), v.add(sp(Lg2), v.mul(g(vW), v.add(sp(Lg4), v.mul(g(vW), sp(Lg6)))))))),
        lset(vHF, v.mul(v.mul(sp(0.5), g(vF)), g(vF))),
        v.store(o8(g(QQ)), v.sqrt(v.div(v.mul(sp(-2), v.bitselect(
          v.bitselect(
            v.sub(g(vF), v.sub(g(vHF), v.mul(g(vT), v.add(g(vHF), g(vR))))),
            v.sub(dkHi, v.sub(v.sub(g(vHF), v.add(v.mul(g(vT), v.add(g(vHF), g(vR))), dkLo)), g(vF))),
            g(vK0)),
          v.bitselect(
            v.sub(g(vF), v.mul(g(vT), v.sub(g(vF), g(vR)))),
            v.sub(dkHi, v.sub(v.sub(v.mul(g(vT), v.sub(g(vF), g(vR))), dkLo), g(vF))),
            g(vK0)),
          g(vIP))), g(vS))), A.pff + off),
      ];
    };
    // pairs QQ, QQ+1; and QQ … QQ+3 as two chains interleaved statement by statement (the long log/div/sqrt
    // chain of one f64x2 leaves the core idle: two independent chains in one window run in about the time of one)
    // (generated where used: the constants then go to that function's locals, wasmAsm.ts hoisted)
    const factors = (): Code => {
    const f2 = s.seq(...vecF(vS, 0), s.br(1));
    const fa = vecF(vS, 0), fb = vecF(V2, 16);
    const f4 = s.seq(...fa.flatMap((c, k) => [c, fb[k]]), s.br(1));
    const f1 = (k: Code) => st('pff', o8(k), f.sqrt(f.div(f.mul(f.c(-2), logExpr(LOGL, ld('pss', o8(k)))), ld('pss', o8(k)))));
    // pff[q] = f of the accepted pairs q < NEED (s in pss)
    return s.seq(
      lset(QQ, i.c(0)),
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(i.add(g(QQ), i.c(3)), g(NEED))),
        s.block(s.seq(s.block(f4), f1(g(QQ)), f1(i.add(g(QQ), i.c(1))), f1(i.add(g(QQ), i.c(2))), f1(i.add(g(QQ), i.c(3))))),
        lset(QQ, i.add(g(QQ), i.c(4))),
        s.br(0),
      ))),
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(i.add(g(QQ), i.c(1)), g(NEED))),
        s.block(s.seq(s.block(f2), f1(g(QQ)), f1(i.add(g(QQ), i.c(1))))),
        lset(QQ, i.add(g(QQ), i.c(2))),
        s.br(0),
      ))),
      s.if(i.ltS(g(QQ), g(NEED)), f1(g(QQ))),
    );
    };
    const body = s.seq(
      rngLoad(q),
      lset(I, i.c(0)),
      s.if(i.and(i.gtS(g(N), i.c(0)), f.eq(g(q.sp), g(q.sp))), s.seq(st('norm', i.c(0), g(q.sp)), lset(q.sp, f.c(NaN)), lset(I, i.c(1)))),
      lset(NP, i.shrS(i.sub(g(N), g(I)), i.c(1))),
      lset(NEED, i.add(g(NP), i.and(i.sub(g(N), g(I)), i.c(1)))),
      attempts,
      factors(),
      s.for(QQ, i.c(0), g(NP), v.store(i.add(o8(g(I)), i.shl(g(QQ), i.c(4))), v.mul(v.load(i.shl(g(QQ), i.c(4)), A.puv), v.splat(ld('pff', o8(g(QQ))))), A.norm)),
      s.if(i.ltS(g(NP), g(NEED)), s.seq(
        st('norm', i.add(o8(g(I)), i.shl(g(NP), i.c(4))), f.mul(ld('puv', i.shl(g(NP), i.c(4))), ld('pff', o8(g(NP))))),
        lset(q.sp, f.mul(f.load(i.shl(g(NP), i.c(4)), A.puv + 8), ld('pff', o8(g(NP))))),
      )),
      rngSave(q),
    );
    const locals = [I32, ...RNG_TYPES, I32, I32, I32, I32, ...Array(14).fill(V128), ...LOG_TYPES, ...Array(14).fill(V128)];
    return { fn: { name: 'nfill', params: [I32], locals, body }, polar: { locals, factors, NEED, QQ } };
  })();
  // nrm1(): one normal() from the state in memory (the jitter's redraws beyond the bulk draws)
  const nrm1 = (() => {
    const q = rngLocals(0), V = 12;
    return { name: 'nrm1', params: [], result: F64, locals: [...RNG_TYPES, F64], body: s.seq(rngLoad(q), lset(V, normal(q)), rngSave(q), g(V)) };
  })();

  // ---- lg(x): fdlibm __ieee754_log (V8's Math.log), positive normal x; Math.log otherwise ----
  const lg = (() => {
    const L = { x: 1, bits: 2, hx: 3, k: 4, ii: 5, f: 6, ss: 7, dk: 8, z: 9, w: 10, r: 11, hf: 12 };
    return { name: 'lg', params: [F64], result: F64, locals: LOG_TYPES, body: logExpr(L, g(0)) };
  })();

  return { ras, nfill, nrm1, lg, polar };
}
