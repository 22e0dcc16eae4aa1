/**
 * The trial's bulk draws from four xoshiro128** lanes in WebAssembly SIMD (psPassWasm.ts): the twin
 * of src/stats/laneRng.ts LaneRng, bit for bit, on its state at A.lanes (16 int32, word-major: one
 * i32x4 per state word, so one round steps all four generators at once):
 *  - lras(n): ra[k] = 2π·U_k (scrambleRaLanes), k < n;
 *  - lnfill(n): norm[k], k < n (LaneRng.fillNormal: polar method on the interleaved uniforms).
 * Why: Rng's single xoshiro chain (≈ 4 cycles per output, serial) was ~1/4 of the trial.
 */
import { f, i, v, s, lget as g, lset, hoisted, moreLocals, I32, V128, type FnDef } from './wasmAsm.js';
import { laneAsm, laneLocals } from './laneAsm.js';
import type { PsAsm } from './psWasmContext.js';
import type { PolarFactors } from './psDrawsWasm.js';

export function laneDrawFns(c: PsAsm, polar: PolarFactors): { lras: FnDef; lnfill: FnDef } {
  const { A, ld, st, o8 } = c;
  const sp = (x: number) => v.splat(f.c(x));
  // the lane generator's state words, step and round (laneAsm.ts, shared with the template RA draws)
  const { load, save, round, fill } = laneAsm(A.lanes);

  // ---- lras(n): whole rounds into ra, the last partial round through ltail ----
  const lras = (() => {
    const body = fill(laneLocals(3), round, sp(2 * Math.PI), A.ra, A.ltail);
    return { name: 'lras', params: [I32], locals: [I32, I32, ...Array(9).fill(V128)], body };
  })();

  // ---- lnfill(n): candidates (u, v) of each round compacted into puv/pss without a branch, then psDrawsWasm's factors ----
  const lnfill = (() => {
    const N = 0, { NEED, QQ } = polar, NP = 14, AC = 16, SS = 8, base = 1 + polar.locals.length, q = laneLocals(base), WA = base + 9, WB = base + 10, SV = base + 11;
    // the factor loop's constants in locals after these, loaded from the pool before it (wasmAsm.ts hoisted)
    const Lc = moreLocals(base + 12);
    // candidate k ∈ {0, 1} of the round: (u, v) = lane pair k of WA/WB, s = lane k of SV
    const candidate = (k: number, Wk: number) => s.seq(
      v.store(i.shl(g(AC), i.c(4)), g(Wk), A.puv),
      lset(SS, v.lane(g(SV), k)),
      st('pss', o8(g(AC)), g(SS)),
      // accepted unless s ≥ 1 or s = 0
      lset(AC, i.add(g(AC), i.and(f.lt(g(SS), f.c(1)), f.ne(g(SS), f.c(0))))),
    );
    // WA = (uA, vA) = 2·UA − 1, WB likewise; SV = (uA² + vA², uB² + vB²)
    const pairS = s.seq(
      lset(WA, v.sub(v.mul(sp(2), g(q.UA)), sp(1))),
      lset(WB, v.sub(v.mul(sp(2), g(q.UB)), sp(1))),
      lset(q.H, v.mul(g(WA), g(WA))), lset(q.R, v.mul(g(WB), g(WB))),
      lset(SV, v.add(v.lo(g(q.H), g(q.R)), v.hi(g(q.H), g(q.R)))),
    );
    const body = s.seq(
      load(q),
      lset(NEED, i.shrS(i.add(g(N), i.c(1)), i.c(1))),
      lset(AC, i.c(0)),
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(g(AC), g(NEED))),
        round(q),
        pairS,
        candidate(0, WA),
        candidate(1, WB),
        s.br(0),
      ))),
      save(q),
      hoisted(Lc, polar.factors),
      lset(NP, i.shrS(g(N), i.c(1))),
      s.for(QQ, i.c(0), g(NP), v.store(i.shl(g(QQ), i.c(4)), v.mul(v.load(i.shl(g(QQ), i.c(4)), A.puv), v.splat(ld('pff', o8(g(QQ))))), A.norm)),
      s.if(i.ltS(g(NP), g(NEED)), st('norm', o8(i.sub(g(N), i.c(1))), f.mul(ld('puv', i.shl(g(NP), i.c(4))), ld('pff', o8(g(NP)))))),
    );
    return { name: 'lnfill', params: [I32], locals: [...polar.locals, ...Array(12).fill(V128), ...Lc.types], body };
  })();

  return { lras, lnfill };
}
