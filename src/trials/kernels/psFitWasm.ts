/**
 * Generators of SeriesFit.prepare's x (prepx, below) and of seriesNsFit (src/likelihood/seriesNsFit.ts) in WebAssembly for the ps kernel's SeriesFit
 * (psPassWasm.ts): nsfit(m, c1, c2, c3, N, nsStart) → n_s, TS written to fitOut[0], over the m exact
 * events' x in `fx`. The same operations in the same order (IEEE f64, no FMA): the per-event divisions two
 * at a time (f64x2), their sums added to the running g, h, g0 one by one in event order, the products of
 * the TS sum in order with one log (fdlibm, = Math.log: psDrawsWasm.ts lg) per 16 factors. Bit-identical
 * (psFitWasm.test.ts). Why: division-bound in JS (one divsd per event and Newton step); f64x2 halves that.
 */
import { f, i, s, v, lget as g, lset, I32, F64, V128, type Code, type FnDef } from './wasmAsm.js';

/**
 * prepx(m, o0, o1, f): SeriesFit.prepare's x over the m exact events, x_j = y_j·((1 − f)·br[o0 + b_j] + f·br[o1 + b_j])
 * with b_j = eBin[exIdx[j]] (= SeriesFit's exB) and o0, o1 the γ rows (elements) of the S/B grid `br`; into `fx`.
 */
export function prepxFn(c: PsAsm): FnDef {
  const { ld, ldi, st, o8, o4 } = c;
  const M = 0, O0 = 1, O1 = 2, F = 3, J = 4, B = 5, OJ = 6, FM = 7;
  const body = s.seq(
    lset(O0, o8(g(O0))), lset(O1, o8(g(O1))),
    lset(FM, f.sub(f.c(1), g(F))),
    s.for(J, i.c(0), g(M), s.seq(
      lset(OJ, o8(g(J))),
      lset(B, o8(ldi('eBin', o4(ldi('exIdx', o4(g(J))))))),
      st('fx', g(OJ), f.mul(ld('exY', g(OJ)), f.add(f.mul(g(FM), ld('br', i.add(g(O0), g(B)))), f.mul(g(F), ld('br', i.add(g(O1), g(B))))))),
    )),
  );
  return { name: 'prepx', params: [I32, I32, I32, F64], locals: [I32, I32, I32, F64], body };
}
import { FN_LOG, type PsAsm } from './psWasmContext.js';

/** f64.min / f64.max (= Math.min / Math.max, NaN and ±0 included) */
const fmin = (a: Code, b: Code): Code => [...a, ...b, 0xa4];
const fmax = (a: Code, b: Code): Code => [...a, ...b, 0xa5];

export function nsfitFn(c: PsAsm): FnDef {
  const { A, ld, o8 } = c;
  const M = 0, C1 = 1, C2 = 2, C3 = 3, N = 4, NS0 = 5;
  const J = 6, IT = 7, DN = 8, O = 9;
  const A1 = 10, A2 = 11, A3 = 12, G0 = 13, XMIN = 14, LO = 15, HI = 16, NS = 17, G = 18, H = 19, NX = 20, S = 21, PROD = 22, X = 23, T = 24;
  const VX = 25, VT = 26;
  // pairs j, j+1 while j + 1 < m (body sees VX = x[j], x[j+1]), then the last event if m is odd (body sees X)
  const overX = (pair: Code, one: Code) => s.seq(
    lset(J, i.c(0)),
    s.block(s.loop(s.seq(
      s.brIf(1, i.geS(i.add(g(J), i.c(1)), g(M))),
      lset(O, o8(g(J))),
      lset(VX, v.load(g(O), A.fx)),
      pair,
      lset(J, i.add(g(J), i.c(2))),
      s.br(0),
    ))),
    s.if(i.ltS(g(J), g(M)), s.seq(lset(X, ld('fx', o8(g(J)))), one)),
  );
  const minX = (x: Code) => s.seq(lset(X, x), s.if(f.lt(g(X), g(XMIN)), lset(XMIN, g(X))));
  const body = s.seq(
    lset(A1, f.div(g(C1), g(N))),
    lset(A2, f.div(g(C2), f.mul(g(N), g(N)))),
    lset(A3, f.div(g(C3), f.mul(f.mul(g(N), g(N)), g(N)))),
    lset(G0, g(A1)),
    lset(XMIN, f.c(0)),
    // g0 = a1 + Σ x/N, xmin
    overX(
      s.seq(
        lset(VT, v.div(g(VX), v.splat(g(N)))),
        lset(G0, f.add(f.add(g(G0), v.lane(g(VT), 0)), v.lane(g(VT), 1))),
        minX(v.lane(g(VX), 0)), minX(v.lane(g(VX), 1)),
      ),
      s.seq(lset(G0, f.add(g(G0), f.div(g(X), g(N)))), minX(g(X))),
    ),
    s.if(i.eqz(f.gt(g(G0), f.c(0))), s.seq(f.store(i.c(0), f.c(0), A.fitOut), s.ret(f.c(0)))),
    lset(LO, f.c(0)),
    lset(HI, s.ifv(F64, f.lt(g(XMIN), f.c(0)), fmin(g(N), f.div(f.mul(f.c(-0.999999), g(N)), g(XMIN))), g(N))),
    lset(NS, s.ifv(F64, i.and(f.gt(g(NS0), f.c(0)), f.lt(g(NS0), g(HI))), g(NS0), fmin(f.mul(f.c(0.5), g(HI)), f.c(1)))),
    // Newton steps safeguarded by bisection
    lset(IT, i.c(0)),
    s.block(s.loop(s.seq(
      s.brIf(1, i.geS(g(IT), i.c(80))),
      lset(G, f.add(f.sub(g(A1), f.mul(g(NS), g(A2))), f.mul(f.mul(g(NS), g(NS)), g(A3)))),
      lset(H, f.add(f.neg(g(A2)), f.mul(f.mul(f.c(2), g(NS)), g(A3)))),
      overX(
        s.seq(
          lset(VT, v.div(g(VX), v.add(v.splat(g(N)), v.mul(v.splat(g(NS)), g(VX))))),
          lset(G, f.add(f.add(g(G), v.lane(g(VT), 0)), v.lane(g(VT), 1))),
          lset(VT, v.mul(g(VT), g(VT))),
          lset(H, f.sub(f.sub(g(H), v.lane(g(VT), 0)), v.lane(g(VT), 1))),
        ),
        s.seq(
          lset(T, f.div(g(X), f.add(g(N), f.mul(g(NS), g(X))))),
          lset(G, f.add(g(G), g(T))),
          lset(H, f.sub(g(H), f.mul(g(T), g(T)))),
        ),
      ),
      s.if(f.gt(g(G), f.c(0)), lset(LO, g(NS)), lset(HI, g(NS))),
      lset(NX, s.ifv(F64, f.lt(g(H), f.c(0)), f.sub(g(NS), f.div(g(G), g(H))), f.c(NaN))),
      s.if(i.eqz(i.and(f.gt(g(NX), g(LO)), f.lt(g(NX), g(HI)))), lset(NX, f.mul(f.c(0.5), f.add(g(LO), g(HI))))),
      lset(DN, i.or(
        f.lt(f.abs(f.sub(g(NX), g(NS))), f.mul(f.c(1e-7), fmax(f.c(1), g(NS)))),
        f.lt(f.sub(g(HI), g(LO)), f.mul(f.c(1e-9), fmax(f.c(1), g(HI)))))),
      lset(NS, g(NX)),
      s.brIf(1, g(DN)),
      lset(IT, i.add(g(IT), i.c(1))),
      s.br(0),
    ))),
    // TS = 2 Σ ln(1 + ns·x/N): series part, then the exact events' factors in order, one log per 16
    lset(S, f.add(
      f.sub(f.mul(g(NS), g(A1)), f.mul(f.mul(f.mul(f.c(0.5), g(NS)), g(NS)), g(A2))),
      f.div(f.mul(f.mul(f.mul(g(NS), g(NS)), g(NS)), g(A3)), f.c(3)))),
    lset(PROD, f.c(1)),
    overX(
      s.seq(
        lset(VT, v.add(v.splat(f.c(1)), v.div(v.mul(v.splat(g(NS)), g(VX)), v.splat(g(N))))),
        // factor j (even: never the 16th of a block), then j + 1
        lset(PROD, f.mul(f.mul(g(PROD), v.lane(g(VT), 0)), v.lane(g(VT), 1))),
        s.if(i.eq(i.and(i.add(g(J), i.c(1)), i.c(15)), i.c(15)), s.seq(lset(S, f.add(g(S), s.call(FN_LOG, g(PROD)))), lset(PROD, f.c(1)))),
      ),
      lset(PROD, f.mul(g(PROD), f.add(f.c(1), f.div(f.mul(g(NS), g(X)), g(N))))),
    ),
    lset(S, f.add(g(S), s.call(FN_LOG, g(PROD)))),
    f.store(i.c(0), s.ifv(F64, f.gt(g(S), f.c(0)), f.mul(f.c(2), g(S)), f.c(0)), A.fitOut),
    g(NS),
  );
  return {
    name: 'nsfit', params: [I32, F64, F64, F64, F64, F64], result: F64,
    locals: [I32, I32, I32, I32, ...Array(15).fill(F64), V128, V128], body,
  };
}
