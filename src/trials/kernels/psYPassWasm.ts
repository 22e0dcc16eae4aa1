/**
 * Generator of the ps trial's y pass in WebAssembly (psPassWasm.ts):
 * ypass(n0, δs, sin δs, cos δs, cos αs, sin αs, bigB) is fillY's hot loop over the vMF data events:
 * S̃ = A·fastExp(κ(cos(δ − δs) − 1))·besselI0eFast(κ cos δ cos δs), cos/sin of the scrambled RA by
 * fastTrig's table method, S, y = (S − S̃)/D̃ (four events at a time as two f64x2 chains whose statements
 * alternate, where the range checks are not needed; else two at a time; lane-wise the scalar code;
 * scalar for mixed pairs), then SeriesFit.add in event order (per-bin moments or the exact list);
 * returns the number of exact events. Bit-identical to the JS path.
 */
import { f, i, s, v, lget as g, lset, ltee, I32, F64, V128, type Code, type FnDef } from './wasmAsm.js';
import { EXP_HI, EXP_INV, EXP_LO, EXP_SHIFT } from '../../scan/gatherWasm.js';
import { TRIG_INV_STEP, TRIG_STEP } from './fastTrig.js';
import { IMP, I0E_INV_H, I0E_N, S3, S5, S7, C2, C4, C6, type PsAsm } from './psWasmContext.js';

interface ChainLocals {
  vC: number; vR: number; vDD: number; vSI: number; vCC: number; vSS: number; vA: number; vX1: number; vTB: number; vRA: number; vST: number; vBT: number;
  vCA: number; vSA: number; vCPSI: number; vX2: number; vY: number; vND: number; vNI: number; vER: number; vFR: number; vFM1: number; vFM2: number; vFP1: number;
  vLa: number; vLb: number; vLc: number; vLd: number; vRR: number; vR2: number; vCR: number; vSR: number; vTC: number; vTS: number; vM: number; vE: number;
  EN: number; J: number; J1: number;
}

export function ypassFn(c: PsAsm): FnDef {
  const { A, z, ld, ldi, st, sti, o8, o4 } = c;
  // ---- ypass ----
  const ypass = (() => {
    const N0 = 0, DECS = 1, SDS = 2, CDS = 3, CAS = 4, SAS = 5, BIGB = 6;
    const I = 7, O = 8, NEX = 9, B = 10, EN = 11, J = 12, O4 = 13, EV = 14, J1 = 15;
    let nl = 16;
    const fl = () => nl++;
    const CC = fl(), DD = fl(), RR = fl(), SI = fl(), CCX = fl(), SS = fl(), AA = fl(), ST = fl(), INV = fl(), BT = fl(), X = fl(), CA = fl(), SA = fl();
    const CPSI = fl(), Y = fl(), RM = fl(), Y2 = fl(), EX = fl(), ND = fl(), ER = fl(), T = fl(), FR = fl(), FM1 = fl(), FM2 = fl(), FP1 = fl(), R2 = fl(), CR = fl(), SR = fl(), TC = fl(), TS = fl();
    const nF64 = nl - 16;
    const vl = () => nl++;
    const vC = vl(), vR = vl(), vDD = vl(), vSI = vl(), vCC = vl(), vSS = vl(), vA = vl(), vX1 = vl(), vTB = vl(), vRA = vl(), vST = vl(), vBT = vl(), vCA = vl(), vSA = vl();
    const vCPSI = vl(), vX2 = vl(), vY = vl(), vND = vl(), vNI = vl(), vER = vl(), vFR = vl(), vFM1 = vl(), vFM2 = vl(), vFP1 = vl(), vLa = vl(), vLb = vl(), vLc = vl(), vLd = vl(), vRR = vl(), vR2 = vl(), vCR = vl(), vSR = vl(), vTC = vl(), vTS = vl();
    const vPDECS = vl(), vPCDS = vl(), vPSDS = vl(), vPCAS = vl(), vPSAS = vl(), vM = vl();
    // the locals of one f64x2 chain (pair path: LA; the quad loop's second chain: LB, after the others)
    const LA = { vC, vR, vDD, vSI, vCC, vSS, vA, vX1, vTB, vRA, vST, vBT, vCA, vSA, vCPSI, vX2, vY, vND, vNI, vER, vFR, vFM1, vFM2, vFP1, vLa, vLb, vLc, vLd, vRR, vR2, vCR, vSR, vTC, vTS, vM, vE: vl(), EN, J, J1 };
    const LB = { ...(Object.fromEntries(Object.keys(LA).filter((k) => k.startsWith('v')).map((k) => [k, vl()])) as Record<keyof typeof LA, number>), EN: 0, J: 0, J1: 0 };
    const nV128 = nl - 16 - nF64;
    LB.EN = nl++; LB.J = nl++; LB.J1 = nl++;
    const sp = (x: number) => v.splat(f.c(x));
    // fastExp(x) (fastExp.ts) on the stack
    const fexp = (x: Code) => s.ifv(F64, f.ge(ltee(EX, x), f.c(-700)),
      s.ifv(F64, f.gt(g(EX), f.c(700)), s.call(IMP.exp, g(EX)), s.seq(
        lset(ND, f.sub(f.add(f.mul(g(EX), f.c(EXP_INV)), f.c(EXP_SHIFT)), f.c(EXP_SHIFT))),
        lset(EN, i.trunc(g(ND))),
        lset(ER, f.sub(f.sub(g(EX), f.mul(g(ND), f.c(EXP_HI))), f.mul(g(ND), f.c(EXP_LO)))),
        f.mul(
          f.mul(f.load(o8(i.add(i.shrS(g(EN), i.c(6)), i.c(1138))), A.exp), f.load(o8(i.and(g(EN), i.c(63))), A.exp)),
          f.add(f.c(1), f.mul(g(ER), f.add(f.c(1), f.mul(g(ER), f.add(f.c(0.5), f.mul(g(ER), f.add(f.c(1 / 6), f.mul(g(ER), f.add(f.c(1 / 24), f.mul(g(ER), f.c(1 / 120))))))))))),
        ),
      )),
      f.select(g(EX), f.c(0), f.ne(g(EX), g(EX))));
    // the same on both lanes of x (both in [−700, 700]; checked by the caller). n = trunc(nd) read from the bits of
    // t = x/(ln2/64) + 1.5·2^52 (nd = t − 1.5·2^52 is an integer of magnitude < 2^31: the low word of t is n) — the
    // same integers as fastExp's `nd | 0`, without a float → int conversion
    // (as statements + value, with the locals of one chain: the quad loop runs two chains interleaved)
    const fexp2L = (L: ChainLocals, x: Code): { pre: Code[]; val: Code } => ({
      pre: [
        lset(L.vND, v.add(v.mul(x, sp(EXP_INV)), sp(EXP_SHIFT))),
        lset(L.EN, v.ilane(g(L.vND), 0)), lset(L.J1, v.ilane(g(L.vND), 2)),
        lset(L.vND, v.sub(g(L.vND), sp(EXP_SHIFT))),
        lset(L.vER, v.sub(v.sub(x, v.mul(g(L.vND), sp(EXP_HI))), v.mul(g(L.vND), sp(EXP_LO)))),
      ],
      val: v.mul(
        v.mul(
          v.load64lane(o8(i.add(i.shrS(g(L.J1), i.c(6)), i.c(1138))), v.load64zero(o8(i.add(i.shrS(g(L.EN), i.c(6)), i.c(1138))), A.exp), 1, A.exp),
          v.load64lane(o8(i.and(g(L.J1), i.c(63))), v.load64zero(o8(i.and(g(L.EN), i.c(63))), A.exp), 1, A.exp)),
        v.add(sp(1), v.mul(g(L.vER), v.add(sp(1), v.mul(g(L.vER), v.add(sp(0.5), v.mul(g(L.vER), v.add(sp(1 / 6), v.mul(g(L.vER), v.add(sp(1 / 24), v.mul(g(L.vER), sp(1 / 120))))))))))),
      ),
    });
    const fexp2 = (x: Code) => { const e = fexp2L(LA, x); return s.seq(...e.pre, e.val); };
    // besselI0eFast(x) (psf.ts) on the stack
    const bes = (x: Code) => s.ifv(F64, i.and(f.ge(ltee(T, f.mul(ltee(CCX, x), f.c(I0E_INV_H))), f.c(0)), f.lt(g(T), f.c(I0E_N))),
      s.seq(
        lset(J, o8(i.trunc(g(T)))),
        lset(FR, f.sub(g(T), f.fromI(i.trunc(g(T))))),
        lset(FM1, f.sub(g(FR), f.c(1))), lset(FM2, f.sub(g(FR), f.c(2))), lset(FP1, f.add(g(FR), f.c(1))),
        f.add(
          f.mul(f.add(
            f.mul(f.mul(f.mul(f.neg(g(FR)), g(FM1)), g(FM2)), f.load(g(J), A.i0e)),
            f.mul(f.mul(f.mul(g(FR), g(FP1)), g(FM1)), f.load(g(J), A.i0e + 24))), f.c(1 / 6)),
          f.mul(f.sub(
            f.mul(f.mul(f.mul(g(FP1), g(FM1)), g(FM2)), f.load(g(J), A.i0e + 8)),
            f.mul(f.mul(f.mul(g(FP1), g(FR)), g(FM2)), f.load(g(J), A.i0e + 16))), f.c(0.5)),
        ),
      ),
      s.call(IMP.i0e, g(CCX)));
    // the same on both lanes of t = 256x (both in [0, N); checked by the caller): tab[j … j+3] of each lane by two 16-byte loads;
    // j = ⌊t⌋ (= the scalar trunc for t ≥ 0) as f64, its integer the low word of ⌊t⌋ + 2^52 (exact: ⌊t⌋ < 2^31)
    const bes2L = (L: ChainLocals, tv: Code): { pre: Code[]; val: Code } => ({
      pre: [
        lset(L.vNI, v.floor(tv)),
        lset(L.vFR, v.sub(tv, g(L.vNI))),
        lset(L.vNI, v.add(g(L.vNI), sp(2 ** 52))),
        lset(L.J, o8(v.ilane(g(L.vNI), 0))), lset(L.J1, o8(v.ilane(g(L.vNI), 2))),
        lset(L.vLa, v.load(g(L.J), A.i0e)), lset(L.vLb, v.load(g(L.J1), A.i0e)), lset(L.vLc, v.load(g(L.J), A.i0e + 16)), lset(L.vLd, v.load(g(L.J1), A.i0e + 16)),
        lset(L.vFM1, v.sub(g(L.vFR), sp(1))), lset(L.vFM2, v.sub(g(L.vFR), sp(2))), lset(L.vFP1, v.add(g(L.vFR), sp(1))),
      ],
      val: v.add(
        v.mul(v.add(
          v.mul(v.mul(v.mul(v.neg(g(L.vFR)), g(L.vFM1)), g(L.vFM2)), v.lo(g(L.vLa), g(L.vLb))),
          v.mul(v.mul(v.mul(g(L.vFR), g(L.vFP1)), g(L.vFM1)), v.hi(g(L.vLc), g(L.vLd)))), sp(1 / 6)),
        v.mul(v.sub(
          v.mul(v.mul(v.mul(g(L.vFP1), g(L.vFM1)), g(L.vFM2)), v.hi(g(L.vLa), g(L.vLb))),
          v.mul(v.mul(v.mul(g(L.vFP1), g(L.vFR)), g(L.vFM2)), v.lo(g(L.vLc), g(L.vLd)))), sp(0.5)),
      ),
    });
    const bes2 = (tv: Code) => { const e = bes2L(LA, tv); return s.seq(...e.pre, e.val); };
    // fastTrig.ts fillCosSin for one angle → CA, SA
    const TWO_PI = 2 * Math.PI;
    const trig = s.if(i.eqz(i.and(f.ge(g(X), f.c(0)), f.le(g(X), f.c(TWO_PI)))),
      s.seq(lset(CA, s.call(IMP.cos, g(X))), lset(SA, s.call(IMP.sin, g(X)))),
      s.seq(
        lset(J, i.trunc(f.mul(g(X), f.c(TRIG_INV_STEP)))),
        lset(RR, f.sub(g(X), f.mul(f.fromI(g(J)), f.c(TRIG_STEP)))),
        lset(R2, f.mul(g(RR), g(RR))),
        lset(CR, f.sub(f.c(1), f.mul(g(R2), f.sub(f.c(C2), f.mul(g(R2), f.sub(f.c(C4), f.mul(g(R2), f.c(C6)))))))),
        lset(SR, f.mul(g(RR), f.sub(f.c(1), f.mul(g(R2), f.sub(f.c(S3), f.mul(g(R2), f.sub(f.c(S5), f.mul(g(R2), f.c(S7))))))))),
        lset(J, i.shl(g(J), i.c(4))),
        lset(TC, f.load(g(J), A.tcs)), lset(TS, f.load(g(J), A.tcs + 8)),
        lset(CA, f.sub(f.mul(g(TC), g(CR)), f.mul(g(TS), g(SR)))),
        lset(SA, f.add(f.mul(g(TS), g(CR)), f.mul(g(TC), g(SR)))),
      ));
    // the same on both lanes of x (both in [0, 2π]) → vCA, vSA; the table interleaved as (cos, sin) pairs
    // (the table index ⌊x/step⌋ = the scalar trunc for x ≥ 0, as in bes2)
    const trig2L = (L: ChainLocals, xv: Code): Code[] => [
      lset(L.vNI, v.floor(v.mul(xv, sp(TRIG_INV_STEP)))),
      lset(L.vRR, v.sub(xv, v.mul(g(L.vNI), sp(TRIG_STEP)))),
      lset(L.vNI, v.add(g(L.vNI), sp(2 ** 52))),
      lset(L.vR2, v.mul(g(L.vRR), g(L.vRR))),
      lset(L.vCR, v.sub(sp(1), v.mul(g(L.vR2), v.sub(sp(C2), v.mul(g(L.vR2), v.sub(sp(C4), v.mul(g(L.vR2), sp(C6)))))))),
      lset(L.vSR, v.mul(g(L.vRR), v.sub(sp(1), v.mul(g(L.vR2), v.sub(sp(S3), v.mul(g(L.vR2), v.sub(sp(S5), v.mul(g(L.vR2), sp(S7))))))))),
      lset(L.vLa, v.load(i.shl(v.ilane(g(L.vNI), 0), i.c(4)), A.tcs)), lset(L.vLb, v.load(i.shl(v.ilane(g(L.vNI), 2), i.c(4)), A.tcs)),
      lset(L.vTC, v.lo(g(L.vLa), g(L.vLb))), lset(L.vTS, v.hi(g(L.vLa), g(L.vLb))),
      lset(L.vCA, v.sub(v.mul(g(L.vTC), g(L.vCR)), v.mul(g(L.vTS), g(L.vSR)))),
      lset(L.vSA, v.add(v.mul(g(L.vTS), g(L.vCR)), v.mul(g(L.vTC), g(L.vSR)))),
    ];
    const trig2 = (xv: Code) => s.seq(...trig2L(LA, xv));
    // SeriesFit.add for event EV with ratio Y and S̃/D̃ BT
    const moment = s.if(f.ne(g(Y), f.c(0)), s.seq(
      lset(B, ldi('eBin', o4(g(EV)))),
      lset(RM, ld('binRatioMax', o8(g(B)))),
      s.if(i.or(f.ge(f.mul(f.abs(g(Y)), g(RM)), g(BIGB)), f.ge(f.mul(g(BT), g(RM)), g(BIGB))),
        s.seq(
          lset(O4, o4(g(NEX))),
          sti('exIdx', g(O4), g(EV)),
          st('exY', o8(g(NEX)), g(Y)),
          lset(NEX, i.add(g(NEX), i.c(1))),
        ),
        s.seq(
          lset(B, o8(g(B))),
          lset(Y2, f.mul(g(Y), g(Y))),
          st('m1', g(B), f.add(ld('m1', g(B)), g(Y))),
          st('m2', g(B), f.add(ld('m2', g(B)), g(Y2))),
          st('m3', g(B), f.add(ld('m3', g(B)), f.mul(g(Y2), g(Y)))),
        )),
    ));
    // fillY's loop body for event EV (a block: leaving it is `continue`)
    const scalarEvent = s.block(s.seq(
      lset(O, o8(g(EV))),
      lset(CC, ld('pdfC', g(O))),
      lset(DD, f.sub(ld('dec', g(O)), g(DECS))),
      lset(RR, ld('reach', g(O))),
      s.if(i.or(i.or(f.lt(g(CC), f.c(0)), f.gt(g(DD), g(RR))), f.lt(g(DD), f.neg(g(RR)))),
        s.seq(st('y', g(O), f.c(0)), s.br(1))),
      lset(SI, ld('sinDec', g(O))),
      lset(CCX, f.mul(ld('cosDec', g(O)), g(CDS))),
      lset(SS, f.mul(g(SI), g(SDS))),
      lset(AA, ld('pdfA', g(O))),
      // S̃ = A·fastExp(C(ss + cc − 1))·besselI0eFast(C·cc)
      lset(ST, f.mul(f.mul(g(AA), fexp(f.mul(g(CC), f.sub(f.add(g(SS), g(CCX)), f.c(1))))), bes(f.mul(g(CC), g(CCX))))),
      lset(INV, ld('invD', g(O))),
      lset(BT, f.mul(g(ST), g(INV))),
      lset(X, ld('ra', g(O))),
      trig,
      // cos ψ = ss + cc(cos α cos αs + sin α sin αs); CCX was overwritten by bes: recompute cc
      lset(CPSI, f.add(g(SS), f.mul(f.mul(ld('cosDec', g(O)), g(CDS)), f.add(f.mul(g(CA), g(CAS)), f.mul(g(SA), g(SAS)))))),
      lset(Y, s.ifv(F64, f.ge(g(CPSI), ld('cosReach', g(O))),
        f.sub(f.mul(f.mul(g(INV), g(AA)), fexp(f.mul(g(CC), f.sub(g(CPSI), f.c(1))))), g(BT)),
        f.neg(g(BT)))),
      st('y', g(O), g(Y)),
      st('bt', g(O), g(BT)),
    ));
    const checks = !(z.maxKappa !== undefined && z.maxKappa < 68);
    const inRange = (x: Code, lo: number, hi: number, hiOpen = false) => v.and(v.ge(x, sp(lo)), hiOpen ? v.lt(x, sp(hi)) : v.le(x, sp(hi)));
    // events I, I+1 together where both are vMF events within reach and every table argument is in range
    const pair = s.block(s.seq(
      lset(O, o8(g(I))),
      lset(vC, v.load(g(O), A.pdfC)),
      lset(vDD, v.sub(v.load(g(O), A.dec), g(vPDECS))),
      lset(vR, v.load(g(O), A.reach)),
      // out-of-reach lanes (or Gaussian-PDF events), mask vM: both out → y = 0 (done: depth 2 from inside the if);
      // one out → that lane computed with κ = 0 (every table argument 0, in range) and its y set to +0 as the scalar code
      lset(vM, v.or(v.or(v.lt(g(vC), sp(0)), v.gt(g(vDD), g(vR))), v.lt(g(vDD), v.neg(g(vR))))),
      s.if(v.allTrue64(g(vM)), s.seq(v.store(g(O), sp(0), A.y), s.br(2))),
      lset(vC, v.bitselect(sp(0), g(vC), g(vM))),
      lset(vSI, v.load(g(O), A.sinDec)),
      lset(vCC, v.mul(v.load(g(O), A.cosDec), g(vPCDS))),
      lset(vSS, v.mul(g(vSI), g(vPSDS))),
      lset(vA, v.load(g(O), A.pdfA)),
      lset(vX1, v.mul(g(vC), v.sub(v.add(g(vSS), g(vCC)), sp(1)))),
      lset(vTB, v.mul(v.mul(g(vC), g(vCC)), sp(I0E_INV_H))),
      lset(vRA, v.load(g(O), A.ra)),
      checks ? s.brIf(0, i.eqz(v.allTrue64(v.and(v.and(inRange(g(vX1), -700, 700), inRange(g(vTB), 0, I0E_N, true)), inRange(g(vRA), 0, TWO_PI))))) : [],
      trig2(g(vRA)),
      lset(vCPSI, v.add(g(vSS), v.mul(g(vCC), v.add(v.mul(g(vCA), g(vPCAS)), v.mul(g(vSA), g(vPSAS)))))),
      lset(vX2, v.mul(g(vC), v.sub(g(vCPSI), sp(1)))),
      checks ? s.brIf(0, i.eqz(v.allTrue64(inRange(g(vX2), -700, 700)))) : [],
      lset(vST, v.mul(v.mul(g(vA), fexp2(g(vX1))), bes2(g(vTB)))),
      lset(vBT, v.mul(g(vST), v.load(g(O), A.invD))),
      lset(vY, v.bitselect(
        v.sub(v.mul(v.mul(v.load(g(O), A.invD), g(vA)), fexp2(g(vX2))), g(vBT)),
        v.neg(g(vBT)),
        v.ge(g(vCPSI), v.load(g(O), A.cosReach)))),
      v.store(g(O), v.bitselect(sp(0), g(vY), g(vM)), A.y),
      v.store(g(O), g(vBT), A.bt),
      s.br(1),
    ));
    // the pair path's arithmetic (out-of-reach lanes by mask, no range checks) for the pair at byte offset O + off
    // with chain locals L: `pre` loads and masks, `rest` computes and stores y and bt (bt of masked lanes unused)
    const chain = (L: ChainLocals, off: number): { pre: Code[]; rest: Code[] } => {
      const e1 = fexp2L(L, g(L.vX1)), b1 = bes2L(L, g(L.vTB)), e2 = fexp2L(L, g(L.vX2));
      return {
        pre: [
          lset(L.vC, v.load(g(O), A.pdfC + off)),
          lset(L.vDD, v.sub(v.load(g(O), A.dec + off), g(vPDECS))),
          lset(L.vR, v.load(g(O), A.reach + off)),
          lset(L.vM, v.or(v.or(v.lt(g(L.vC), sp(0)), v.gt(g(L.vDD), g(L.vR))), v.lt(g(L.vDD), v.neg(g(L.vR))))),
        ],
        rest: [
          lset(L.vC, v.bitselect(sp(0), g(L.vC), g(L.vM))),
          lset(L.vSI, v.load(g(O), A.sinDec + off)),
          lset(L.vCC, v.mul(v.load(g(O), A.cosDec + off), g(vPCDS))),
          lset(L.vSS, v.mul(g(L.vSI), g(vPSDS))),
          lset(L.vA, v.load(g(O), A.pdfA + off)),
          lset(L.vX1, v.mul(g(L.vC), v.sub(v.add(g(L.vSS), g(L.vCC)), sp(1)))),
          lset(L.vTB, v.mul(v.mul(g(L.vC), g(L.vCC)), sp(I0E_INV_H))),
          lset(L.vRA, v.load(g(O), A.ra + off)),
          ...trig2L(L, g(L.vRA)),
          lset(L.vCPSI, v.add(g(L.vSS), v.mul(g(L.vCC), v.add(v.mul(g(L.vCA), g(vPCAS)), v.mul(g(L.vSA), g(vPSAS)))))),
          lset(L.vX2, v.mul(g(L.vC), v.sub(g(L.vCPSI), sp(1)))),
          ...e1.pre, lset(L.vE, e1.val),
          ...b1.pre, lset(L.vST, v.mul(v.mul(g(L.vA), g(L.vE)), b1.val)),
          lset(L.vBT, v.mul(g(L.vST), v.load(g(O), A.invD + off))),
          ...e2.pre,
          lset(L.vY, v.bitselect(
            v.sub(v.mul(v.mul(v.load(g(O), A.invD + off), g(L.vA)), e2.val), g(L.vBT)),
            v.neg(g(L.vBT)),
            v.ge(g(L.vCPSI), v.load(g(O), A.cosReach + off)))),
          v.store(g(O), v.bitselect(sp(0), g(L.vY), g(L.vM)), A.y + off),
          v.store(g(O), g(L.vBT), A.bt + off),
        ],
      };
    };
    // events I … I+3 as two pairs whose statements alternate (one pair's exp/table/trig chain is long: two
    // independent chains in the core's window run in little more than the time of one); all four out of reach: y = 0
    const ca = chain(LA, 0), cb = chain(LB, 16);
    const quadLoop = s.block(s.loop(s.seq(
      s.brIf(1, i.geS(i.add(g(I), i.c(3)), g(N0))),
      s.block(s.seq(
        lset(O, o8(g(I))),
        ...ca.pre, ...cb.pre,
        s.if(i.and(v.allTrue64(g(LA.vM)), v.allTrue64(g(LB.vM))), s.seq(v.store(g(O), sp(0), A.y), v.store(g(O), sp(0), A.y + 16), s.br(1))),
        ...ca.rest.flatMap((c, k) => (k < cb.rest.length ? [c, cb.rest[k]] : [c])),
      )),
      lset(I, i.add(g(I), i.c(4))),
      s.br(0),
    )));
    const body = s.seq(
      lset(NEX, i.c(0)),
      lset(I, i.c(0)),
      lset(vPDECS, v.splat(g(DECS))), lset(vPCDS, v.splat(g(CDS))), lset(vPSDS, v.splat(g(SDS))), lset(vPCAS, v.splat(g(CAS))), lset(vPSAS, v.splat(g(SAS))),
      checks ? [] : quadLoop,
      s.block(s.loop(s.seq(
        s.brIf(1, i.geS(i.add(g(I), i.c(1)), g(N0))),
        // the pair block exits at depth 0 to the scalar fallback, at depth 1 when done
        s.block(s.seq(pair, lset(EV, g(I)), scalarEvent, lset(EV, i.add(g(I), i.c(1))), scalarEvent)),
        lset(I, i.add(g(I), i.c(2))),
        s.br(0),
      ))),
      s.if(i.ltS(g(I), g(N0)), s.seq(lset(EV, g(I)), scalarEvent)),
      // the moments (SeriesFit.add) in event order, a second loop: the first streams without scatter
      s.for(EV, i.c(0), g(N0), s.seq(
        lset(Y, ld('y', o8(g(EV)))),
        s.if(f.ne(g(Y), f.c(0)), s.seq(lset(BT, ld('bt', o8(g(EV)))), moment)),
      )),
      g(NEX),
    );
    const locals = [...Array(9).fill(I32), ...Array(nF64).fill(F64), ...Array(nV128).fill(V128), I32, I32, I32];
    return { name: 'ypass', params: [I32, F64, F64, F64, F64, F64, F64], result: I32, locals, body };
  })();
  return ypass;
}
