/**
 * Generators of the ps kernel's background passes in WebAssembly (psPassWasm.ts):
 *  - kde(norm): the binned sin δ KDE from the cell counts (CachedSinDecKde.densityFromCounts with the
 *    same kernel rows, cached for every cell at set-up);
 *  - invd(from, to): 1/D̃ (trialBackground.ts fillInvD) from it.
 * Bit-identical to the JS path (same operations in the same order; f64x2 lanes are scalar ops).
 */
import { f, i, v, s, lget as g, lset, hoisted, moreLocals, I32, F64, V128, type Code, type FnDef } from './wasmAsm.js';
import type { PsAsm } from './psWasmContext.js';

export function bgFns(c: PsAsm): { kde: FnDef; invd: FnDef } {
  const { A, z, ld, ldi, st, o8, o4 } = c;
  // ---- kde(norm): p from the cell counts (the row update two grid points at a time: f64x2, same per-point order) ----
  const kde = (() => {
    const NORM = 0, K = 1, J = 2, LO = 3, LEN = 4, AT = 5, CC = 6, SS = 7, VC = 8;
    const nG = z.nGrid, dx = 2 / nG;
    const upd = (addP: Code, addR: Code) => st('p', addP, f.add(ld('p', addP), f.mul(g(CC), f.load(addR))));
    const body = s.seq(
      s.for(J, i.c(0), i.c(nG), st('p', o8(g(J)), f.c(0))),
      s.for(K, i.c(0), i.c(nG), s.seq(
        s.if(f.eq(ld('counts', o8(g(K))), f.c(0)), s.br(1)),
        lset(CC, f.mul(ld('counts', o8(g(K))), g(NORM))),
        lset(VC, v.splat(g(CC))),
        // LO: byte address of p[lo] (past the offset), AT: of the row; LEN: bytes
        lset(LO, o8(ldi('rowLo', o4(g(K))))),
        lset(LEN, o8(ldi('rowLen', o4(g(K))))),
        lset(AT, ldi('rowAt', o4(g(K)))),
        lset(J, i.c(0)),
        // four points per pass, then two
        s.block(s.loop(s.seq(
          s.brIf(1, i.gtS(i.add(g(J), i.c(32)), g(LEN))),
          v.store(i.add(g(LO), g(J)), v.add(v.load(i.add(g(LO), g(J)), A.p), v.mul(g(VC), v.load(i.add(g(AT), g(J))))), A.p),
          v.store(i.add(g(LO), g(J)), v.add(v.load(i.add(g(LO), g(J)), A.p + 16), v.mul(g(VC), v.load(i.add(g(AT), g(J)), 16))), A.p + 16),
          lset(J, i.add(g(J), i.c(32))),
          s.br(0),
        ))),
        s.if(i.leS(i.add(g(J), i.c(16)), g(LEN)), s.seq(
          v.store(i.add(g(LO), g(J)), v.add(v.load(i.add(g(LO), g(J)), A.p), v.mul(g(VC), v.load(i.add(g(AT), g(J))))), A.p),
          lset(J, i.add(g(J), i.c(16))),
        )),
        s.if(i.ltS(g(J), g(LEN)), upd(i.add(g(LO), g(J)), i.add(g(AT), g(J)))),
      )),
      lset(SS, f.c(0)),
      s.for(J, i.c(0), i.c(nG), lset(SS, f.add(g(SS), f.mul(ld('p', o8(g(J))), f.c(dx))))),
      s.for(J, i.c(0), i.c(nG), st('p', o8(g(J)), f.div(ld('p', o8(g(J))), g(SS)))),
    );
    return { name: 'kde', params: [F64], locals: [I32, I32, I32, I32, I32, F64, F64, V128], body };
  })();

  // ---- invd(from, to): fillInvD from p (two events at a time where both are inside the grid) ----
  const invd = (() => {
    const FROM = 0, TO = 1, J = 2, KI = 3, T = 4, V = 5, KF = 6, FR = 7, VT = 8, VF = 9, VA = 10, VB = 11, K1 = 12;
    // the constants in locals after the 19 below, loaded from the pool before the loops (wasmAsm.ts hoisted)
    const Lc = moreLocals(19);
    const body = hoisted(Lc, () => {
    const nG = z.nGrid, last = nG - 1;
    const one = s.seq(
      lset(T, f.sub(f.div(f.add(ld('sinDec', o8(g(J))), f.c(1)), f.c(2 / nG)), f.c(0.5))),
      s.if(f.le(g(T), f.c(0)), lset(V, ld('p', i.c(0))),
        s.if(f.ge(g(T), f.c(last)), lset(V, ld('p', i.c(8 * last))), s.seq(
          lset(KF, f.floor(g(T))),
          lset(FR, f.sub(g(T), g(KF))),
          lset(KI, o8(i.trunc(g(KF)))),
          lset(V, f.add(f.mul(ld('p', g(KI)), f.sub(f.c(1), g(FR))), f.mul(f.load(g(KI), A.p + 8), g(FR)))),
        ))),
      st('invD', o8(g(J)), f.div(f.c(2 * Math.PI), g(V))),
    );
    const sp = v.k;
    const two = s.seq(
      lset(VT, v.sub(v.div(v.add(v.load(o8(g(J)), A.sinDec), sp(1)), sp(2 / nG)), sp(0.5))),
      s.if(i.eqz(v.allTrue64(v.and(v.gt(g(VT), sp(0)), v.lt(g(VT), sp(last))))), s.seq(one, lset(J, i.add(g(J), i.c(1))), one, s.br(1))),
      lset(VA, v.floor(g(VT))),
      lset(VF, v.sub(g(VT), g(VA))),
      // the integer ⌊t⌋ ∈ [0, last) from the low word of ⌊t⌋ + 2^52 (exact), no f64 → i32 conversion
      lset(VA, v.add(g(VA), sp(2 ** 52))),
      lset(KI, o8(v.ilane(g(VA), 0))), lset(K1, o8(v.ilane(g(VA), 2))),
      lset(VA, v.load(g(KI), A.p)), lset(VB, v.load(g(K1), A.p)),
      v.store(o8(g(J)), v.div(sp(2 * Math.PI), v.add(v.mul(v.lo(g(VA), g(VB)), v.sub(sp(1), g(VF))), v.mul(v.hi(g(VA), g(VB)), g(VF)))), A.invD),
      lset(J, i.add(g(J), i.c(1))),
    );
    // events J … J+3 as two pairs with their statements alternating (two independent division chains), where all
    // four are inside the grid; else pair by pair (each `two` advances J by 1, the loop by another 1)
    const VT2 = 13, VF2 = 14, VA2 = 15, VB2 = 16, KI2 = 17, K12 = 18;
    const tOf = (off: number) => v.sub(v.div(v.add(v.load(o8(g(J)), A.sinDec + off), sp(1)), sp(2 / nG)), sp(0.5));
    const inGrid = (t: number) => v.and(v.gt(g(t), sp(0)), v.lt(g(t), sp(last)));
    const interp = (a: number, b: number, fr: number) => v.div(sp(2 * Math.PI), v.add(v.mul(v.lo(g(a), g(b)), v.sub(sp(1), g(fr))), v.mul(v.hi(g(a), g(b)), g(fr))));
    const four = s.seq(
      lset(VT, tOf(0)), lset(VT2, tOf(16)),
      s.brIf(0, i.eqz(v.allTrue64(v.and(inGrid(VT), inGrid(VT2))))),
      lset(VA, v.floor(g(VT))), lset(VA2, v.floor(g(VT2))),
      lset(VF, v.sub(g(VT), g(VA))), lset(VF2, v.sub(g(VT2), g(VA2))),
      lset(VA, v.add(g(VA), sp(2 ** 52))), lset(VA2, v.add(g(VA2), sp(2 ** 52))),
      lset(KI, o8(v.ilane(g(VA), 0))), lset(KI2, o8(v.ilane(g(VA2), 0))),
      lset(K1, o8(v.ilane(g(VA), 2))), lset(K12, o8(v.ilane(g(VA2), 2))),
      lset(VA, v.load(g(KI), A.p)), lset(VA2, v.load(g(KI2), A.p)),
      lset(VB, v.load(g(K1), A.p)), lset(VB2, v.load(g(K12), A.p)),
      v.store(o8(g(J)), interp(VA, VB, VF), A.invD), v.store(o8(g(J)), interp(VA2, VB2, VF2), A.invD + 16),
      lset(J, i.add(g(J), i.c(4))),
      s.br(1),
    );
    return s.seq(
      lset(J, g(FROM)),
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(i.add(g(J), i.c(3)), g(TO))),
        s.block(s.seq(s.block(four), s.block(two), lset(J, i.add(g(J), i.c(1))), s.block(two), lset(J, i.add(g(J), i.c(1))))),
        s.br(0),
      ))),
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(i.add(g(J), i.c(1)), g(TO))),
        s.block(two),
        lset(J, i.add(g(J), i.c(1))),
        s.br(0),
      ))),
      s.if(i.ltS(g(J), g(TO)), one),
    );
    });
    return { name: 'invd', params: [I32, I32], locals: [I32, I32, F64, F64, F64, F64, V128, V128, V128, V128, I32, V128, V128, V128, V128, I32, I32, ...Lc.types], body };
  })();

  return { kde, invd };
}
