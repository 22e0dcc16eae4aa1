/**
 * Generator of the ps trial's jitter pass in WebAssembly (psPassWasm.ts): jit(n0, m) applies the 3°
 * declination jitter from the m bulk normals (jitterDecBulk's rule: cap events keep δ0, draws landing
 * in a cap are redrawn, redraws past the bulk normals by nrm1), sin/cos of the new δ
 * (fillShiftedSinCos; four events at a time as two f64x2 chains whose statements alternate, or two, where
 * they take bulk normals and stay outside the caps), then TrialBackground.rebuild's per-event work in a second loop: KDE cell counts, energy bin
 * from the new sin δ row (log E column kept), energy histogram. Bit-identical to the JS path.
 */
import { f, i, s, v, lget as g, lset, hoisted, moreLocals, I32, F64, V128, type Code, type FnDef } from './wasmAsm.js';
import { IMP, FN_NRM1, S3, S5, S7, S9, S11, C2, C4, C6, C8, C10, C12, type PsAsm } from './psWasmContext.js';

export function jitFn(c: PsAsm): FnDef {
  const { A, z, ld, ldi, st, sti, o8, o4, inc } = c;
  // ---- jit(n0) ----
  const jit = (() => {
    const N0 = 0, M = 1, I = 2, P = 3, K = 4, O = 5, C = 6, R = 7, EB = 8;
    const D0 = 9, D = 10, DD = 11, D2 = 12, SD = 13, CD = 14, SN = 15, CS = 16, KF = 17;
    const EV = 18, vD0 = 19, vD = 20, vDD = 21, vD2 = 22, vSD = 23, vCD = 24, vSN = 25, vS0 = 26, vC0 = 27;
    // the constants in locals after the 37 below, loaded from the pool before the loops (wasmAsm.ts hoisted)
    const Lc = moreLocals(37);
    const body = hoisted(Lc, () => {
    const sp = v.k;
    const lim = z.lim, nG = z.nGrid, nR = z.edges.length - 1;
    // the next normal: the m bulk draws (nfill), then one at a time
    const draw = f.add(g(D0), f.mul(f.c(z.width), s.ifv(F64, i.ltS(g(P), g(M)),
      [...ld('norm', o8(g(P))), ...lset(P, i.add(g(P), i.c(1)))],
      s.call(FN_NRM1))));
    const inCap = (v: Code) => i.or(f.gt(v, f.c(lim)), f.lt(v, f.c(-lim)));
    const jitter = s.if(inCap(g(D0)), lset(D, g(D0)), s.seq(
      lset(D, draw),
      lset(K, i.c(0)),
      s.block(s.loop(s.seq(
        s.brIf(1, i.eqz(i.and(i.ltS(g(K), i.c(100)), inCap(g(D))))),
        lset(D, draw),
        lset(K, i.add(g(K), i.c(1))),
        s.br(0),
      ))),
      s.if(inCap(g(D)), lset(D, g(D0))),
    ));
    const sinCos = s.seq(
      lset(DD, f.sub(g(D), g(D0))),
      s.if(f.eq(g(DD), f.c(0)),
        s.seq(lset(SN, ld('s0', g(O))), lset(CS, ld('c0', g(O)))),
        s.if(i.eqz(i.and(f.le(g(DD), f.c(0.25)), f.ge(g(DD), f.c(-0.25)))),
          s.seq(lset(SN, s.call(IMP.sin, g(D))), lset(CS, s.call(IMP.cos, g(D)))),
          s.seq(
            lset(D2, f.mul(g(DD), g(DD))),
            lset(SD, f.mul(g(DD), f.sub(f.c(1), f.mul(g(D2), f.sub(f.c(S3), f.mul(g(D2), f.sub(f.c(S5), f.mul(g(D2), f.sub(f.c(S7), f.mul(g(D2), f.sub(f.c(S9), f.mul(g(D2), f.c(S11))))))))))))),
            lset(CD, f.sub(f.c(1), f.mul(g(D2), f.sub(f.c(C2), f.mul(g(D2), f.sub(f.c(C4), f.mul(g(D2), f.sub(f.c(C6), f.mul(g(D2), f.sub(f.c(C8), f.mul(g(D2), f.sub(f.c(C10), f.mul(g(D2), f.c(C12)))))))))))))),
            lset(SN, f.add(f.mul(ld('s0', g(O)), g(CD)), f.mul(ld('c0', g(O)), g(SD)))),
            lset(CS, f.sub(f.mul(ld('c0', g(O)), g(CD)), f.mul(ld('s0', g(O)), g(SD)))),
          ))),
      st('sinDec', g(O), g(SN)), st('cosDec', g(O), g(CS)),
    );
    // TrialBackground.row(x) for uniform edges, else the JS callback
    const e0 = z.edges[0], eN = z.edges[nR], invW = 1 / ((eN - e0) / nR);
    const rowOf = z.uniformEdges
      ? s.seq(
        s.if(i.eqz(f.gt(g(SN), f.c(e0))), lset(R, i.c(0)),
          s.if(f.ge(g(SN), f.c(eN)), lset(R, i.c(nR - 1)), s.seq(
            lset(R, i.trunc(f.mul(f.sub(g(SN), f.c(e0)), f.c(invW)))),
            s.if(i.gtS(g(R), i.c(nR - 1)), lset(R, i.c(nR - 1))),
            s.if(f.lt(g(SN), ld('edges', o8(g(R)))), lset(R, i.sub(g(R), i.c(1))),
              s.if(f.ge(g(SN), f.load(o8(g(R)), A.edges + 8)), lset(R, i.add(g(R), i.c(1))))),
          ))))
      : lset(R, s.call(IMP.row, g(SN)));
    // cell = clamp(floor((x + 1)/dx)) from KF (clampCell), then its counts, energy bin and histogram (binsOfCell)
    const clampCell = lset(C, s.ifv(I32, f.lt(g(KF), f.c(0)), i.c(0), s.ifv(I32, f.ge(g(KF), f.c(nG)), i.c(nG - 1), i.trunc(g(KF)))));
    // (C given)
    const binsOfCell = s.seq(
      inc('counts', o8(g(C))),
      lset(R, ldi('cellRow', o4(g(C)))),
      s.if(i.ltS(g(R), i.c(0)), rowOf),
      lset(EB, i.add(i.mul(g(R), i.c(z.nE)), ldi('col', o4(g(EV))))),
      sti('eBin', o4(g(EV)), g(EB)),
      inc('hist', o8(g(EB))),
    );
    const bins = s.seq(lset(KF, f.floor(f.div(f.add(g(SN), f.c(1)), f.c(2 / nG)))), clampCell, binsOfCell);
    // one event EV (a block)
    const scalarEvent = s.block(s.seq(
      lset(O, o8(g(EV))),
      lset(D0, ld('dec0', g(O))),
      jitter,
      st('dec', g(O), g(D)),
      sinCos,
    ));
    // events I, I+1 together where both are outside the caps, take bulk normals, stay outside the caps
    // and move by 0 < |Δ| ≤ 0.25 (f64x2: the scalar arithmetic lane-wise); else the scalar code (exit at depth 0)
    const vCap = (x: Code) => v.or(v.gt(x, sp(lim)), v.lt(x, sp(-lim)));
    const pair = s.block(s.seq(
      s.brIf(0, i.geS(i.add(g(P), i.c(1)), g(M))),
      lset(O, o8(g(I))),
      lset(vD0, v.load(g(O), A.dec0)),
      s.brIf(0, v.anyTrue(vCap(g(vD0)))),
      lset(vD, v.add(g(vD0), v.mul(sp(z.width), v.load(o8(g(P)), A.norm)))),
      s.brIf(0, v.anyTrue(vCap(g(vD)))),
      lset(vDD, v.sub(g(vD), g(vD0))),
      s.brIf(0, i.eqz(v.allTrue64(v.and(v.ne(g(vDD), sp(0)), v.and(v.le(g(vDD), sp(0.25)), v.ge(g(vDD), sp(-0.25))))))),
      lset(P, i.add(g(P), i.c(2))),
      v.store(g(O), g(vD), A.dec),
      lset(vD2, v.mul(g(vDD), g(vDD))),
      lset(vSD, v.mul(g(vDD), v.sub(sp(1), v.mul(g(vD2), v.sub(sp(S3), v.mul(g(vD2), v.sub(sp(S5), v.mul(g(vD2), v.sub(sp(S7), v.mul(g(vD2), v.sub(sp(S9), v.mul(g(vD2), sp(S11))))))))))))),
      lset(vCD, v.sub(sp(1), v.mul(g(vD2), v.sub(sp(C2), v.mul(g(vD2), v.sub(sp(C4), v.mul(g(vD2), v.sub(sp(C6), v.mul(g(vD2), v.sub(sp(C8), v.mul(g(vD2), v.sub(sp(C10), v.mul(g(vD2), sp(C12)))))))))))))),
      lset(vS0, v.load(g(O), A.s0)), lset(vC0, v.load(g(O), A.c0)),
      lset(vSN, v.add(v.mul(g(vS0), g(vCD)), v.mul(g(vC0), g(vSD)))),
      v.store(g(O), g(vSN), A.sinDec),
      v.store(g(O), v.sub(v.mul(g(vC0), g(vCD)), v.mul(g(vS0), g(vSD))), A.cosDec),
      s.br(1),
    ));
    // events I … I+3 as two pairs (the pair conditions for both, normals P … P+3), their sin/cos statements
    // alternating (two independent polynomial chains in the core's window); else pair by pair
    const B0 = 28;
    const [bD0, bD, bDD, bD2, bSD, bCD, bSN, bS0, bC0] = Array.from({ length: 9 }, (_, k) => B0 + k);
    const sinCos2 = (vDD_: number, vD2_: number, vSD_: number, vCD_: number, vS0_: number, vC0_: number, vSN_: number, off: number): Code[] => [
      lset(vD2_, v.mul(g(vDD_), g(vDD_))),
      lset(vSD_, v.mul(g(vDD_), v.sub(sp(1), v.mul(g(vD2_), v.sub(sp(S3), v.mul(g(vD2_), v.sub(sp(S5), v.mul(g(vD2_), v.sub(sp(S7), v.mul(g(vD2_), v.sub(sp(S9), v.mul(g(vD2_), sp(S11))))))))))))),
      lset(vCD_, v.sub(sp(1), v.mul(g(vD2_), v.sub(sp(C2), v.mul(g(vD2_), v.sub(sp(C4), v.mul(g(vD2_), v.sub(sp(C6), v.mul(g(vD2_), v.sub(sp(C8), v.mul(g(vD2_), v.sub(sp(C10), v.mul(g(vD2_), sp(C12)))))))))))))),
      lset(vS0_, v.load(g(O), A.s0 + off)), lset(vC0_, v.load(g(O), A.c0 + off)),
      lset(vSN_, v.add(v.mul(g(vS0_), g(vCD_)), v.mul(g(vC0_), g(vSD_)))),
      v.store(g(O), g(vSN_), A.sinDec + off),
      v.store(g(O), v.sub(v.mul(g(vC0_), g(vCD_)), v.mul(g(vS0_), g(vSD_))), A.cosDec + off),
    ];
    const moveOk = (dd: number) => v.and(v.ne(g(dd), sp(0)), v.and(v.le(g(dd), sp(0.25)), v.ge(g(dd), sp(-0.25))));
    const ca = sinCos2(vDD, vD2, vSD, vCD, vS0, vC0, vSN, 0), cb = sinCos2(bDD, bD2, bSD, bCD, bS0, bC0, bSN, 16);
    const quad = s.block(s.seq(
      s.brIf(0, i.geS(i.add(g(P), i.c(3)), g(M))),
      lset(O, o8(g(I))),
      lset(vD0, v.load(g(O), A.dec0)), lset(bD0, v.load(g(O), A.dec0 + 16)),
      s.brIf(0, v.anyTrue(v.or(vCap(g(vD0)), vCap(g(bD0))))),
      lset(vD, v.add(g(vD0), v.mul(sp(z.width), v.load(o8(g(P)), A.norm)))),
      lset(bD, v.add(g(bD0), v.mul(sp(z.width), v.load(o8(g(P)), A.norm + 16)))),
      s.brIf(0, v.anyTrue(v.or(vCap(g(vD)), vCap(g(bD))))),
      lset(vDD, v.sub(g(vD), g(vD0))), lset(bDD, v.sub(g(bD), g(bD0))),
      s.brIf(0, i.eqz(v.allTrue64(v.and(moveOk(vDD), moveOk(bDD))))),
      lset(P, i.add(g(P), i.c(4))),
      v.store(g(O), g(vD), A.dec), v.store(g(O), g(bD), A.dec + 16),
      ...ca.flatMap((c, k) => [c, cb[k]]),
      s.br(1),
    ));
    const pairStep = s.block(s.seq(pair, lset(EV, g(I)), scalarEvent, lset(EV, i.add(g(I), i.c(1))), scalarEvent));
    return s.seq(
      lset(P, i.c(0)),
      lset(I, i.c(0)),
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(i.add(g(I), i.c(3)), g(N0))),
        // the quad exits at depth 1 when done, at depth 0 to the pairs
        s.block(s.seq(quad, pairStep, lset(I, i.add(g(I), i.c(2))), pairStep, lset(I, i.sub(g(I), i.c(2))))),
        lset(I, i.add(g(I), i.c(4))),
        s.br(0),
      ))),
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(i.add(g(I), i.c(1)), g(N0))),
        pairStep,
        lset(I, i.add(g(I), i.c(2))),
        s.br(0),
      ))),
      s.if(i.ltS(g(I), g(N0)), s.seq(lset(EV, g(I)), scalarEvent)),
      // energy bins, cell counts and histogram from the new sin δ, a second loop
      // two events per pass: their ⌊(x + 1)/dx⌋ by one f64x2 division, the rest per event
      lset(EV, i.c(0)),
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(i.add(g(EV), i.c(1)), g(N0))),
        lset(vD2, v.load(o8(g(EV)), A.sinDec)),
        lset(vD, v.floor(v.div(v.add(g(vD2), sp(1)), sp(2 / nG)))),
        // the cell clamped lane-wise as clampCell (< 0 → 0, ≥ nG → nG − 1), its integer the low word of cell + 2^52 (exact)
        lset(vD, v.bitselect(sp(0), g(vD), v.lt(g(vD), sp(0)))),
        lset(vD, v.add(v.bitselect(sp(nG - 1), g(vD), v.ge(g(vD), sp(nG))), sp(2 ** 52))),
        lset(SN, v.lane(g(vD2), 0)), lset(C, v.ilane(g(vD), 0)), binsOfCell,
        lset(EV, i.add(g(EV), i.c(1))),
        lset(SN, v.lane(g(vD2), 1)), lset(C, v.ilane(g(vD), 2)), binsOfCell,
        lset(EV, i.add(g(EV), i.c(1))),
        s.br(0),
      ))),
      s.if(i.ltS(g(EV), g(N0)), s.seq(lset(SN, ld('sinDec', o8(g(EV)))), bins)),
    );
    });
    return { name: 'jit', params: [I32, I32], locals: [I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64, F64, I32, ...Array(18).fill(V128), ...Lc.types], body };
  })();

  return jit;
}
