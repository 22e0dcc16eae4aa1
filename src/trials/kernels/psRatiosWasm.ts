/**
 * Generator of TrialBackground.setRatios (trialBackground.ts; energyRatio's arithmetic) in WebAssembly for the
 * ps kernel (psPassWasm.ts): ratios() writes the energy S/B grid `br` (γ-major, as d.binRatio) and
 * `binRatioMax` from the trial's energy histogram `hist`, with the signal histograms (`sigH`), their row
 * shares (`sigN`) and row flags (`sigPos`) copied in at set-up. Same operations in the same order:
 * bit-identical (psFitWasm.test.ts, "PsWasm ratios").
 */
import { f, i, s, lget as g, lset, I32, F64, type FnDef } from './wasmAsm.js';
import type { PsAsm } from './psWasmContext.js';

export function ratiosFn(c: PsAsm): FnDef {
  const { z, ld, st, ldi, o8, o4 } = c;
  const nB = z.nBins, nE = z.nE, nR = nB / nE, nG = z.nGam ?? 0;
  const ROW = 0, C = 1, K = 2, G = 3, O = 4, POS = 5, B = 6, SB = 7, MAXR = 8, R = 9;
  // K = byte offset of bin row·nE + c, O = byte offset of γ row g·nB
  const setK = lset(K, o8(i.add(i.mul(g(ROW), i.c(nE)), g(C))));
  const body = s.seq(
    // each bin's share of its row of the histogram
    s.for(ROW, i.c(0), i.c(nR), s.seq(
      lset(SB, f.c(0)),
      s.for(C, i.c(0), i.c(nE), s.seq(setK, lset(SB, f.add(g(SB), ld('hist', g(K)))))),
      s.for(C, i.c(0), i.c(nE), s.seq(setK, st('hNorm', g(K), f.div(ld('hist', g(K)), g(SB))))),
    )),
    s.for(B, i.c(0), i.c(nB), st('binRatioMax', o8(g(B)), f.c(0))),
    s.for(G, i.c(0), i.c(nG), s.seq(
      lset(O, o8(i.mul(g(G), i.c(nB)))),
      s.for(ROW, i.c(0), i.c(nR), s.seq(
        lset(POS, ldi('sigPos', o4(i.add(i.mul(g(G), i.c(nR)), g(ROW))))),
        lset(MAXR, f.c(0)),
        s.for(C, i.c(0), i.c(nE), s.seq(
          setK,
          lset(R, f.c(0)),
          s.if(i.and(f.gt(ld('hist', g(K)), f.c(0)), g(POS)), s.seq(
            lset(R, f.div(ld('sigN', i.add(g(O), g(K))), ld('hNorm', g(K)))),
            s.if(f.gt(g(R), g(MAXR)), lset(MAXR, g(R))),
          )),
          st('br', i.add(g(O), g(K)), g(R)),
        )),
        s.for(C, i.c(0), i.c(nE), s.seq(
          setK,
          s.if(i.eqz(f.gt(ld('hist', g(K)), f.c(0))),
            st('br', i.add(g(O), g(K)), s.ifv(F64, f.gt(ld('sigH', i.add(g(O), g(K))), f.c(0)), g(MAXR), f.c(1)))),
        )),
      )),
      s.for(B, i.c(0), i.c(nB), s.seq(
        lset(K, o8(g(B))),
        s.if(f.gt(ld('br', i.add(g(O), g(K))), ld('binRatioMax', g(K))), st('binRatioMax', g(K), ld('br', i.add(g(O), g(K))))),
      )),
    )),
  );
  return { name: 'ratios', params: [], locals: [I32, I32, I32, I32, I32, I32, I32, F64, F64, F64], body };
}
