/**
 * Code generators of two more passes of the stack kernel's WebAssembly (stackPassWasm.ts), twins of
 * JS helpers bit for bit: `trig` (fastTrig.fillCosSin, two events per f64x2) and `gs` (stack.ts's
 * gaussStilde: S̃ of the Gaussian-PDF events from the per-source STildeTables).
 */
import { get } from '../../wasm/encode.js';
import { addr, f, hoisted, i, ifs, lset, ltee, Locals, simd, v, vexp, F64, I32, V128, type Code } from './stackPassAsm.js';
import type { StackPassSpec } from './stackPassWasm.js';

/**
 * `trig(n)`: ca[i], sa[i] = cos, sin of ra[i] for i < n, fastTrig.fillCosSin two events at a time
 * (f64x2; lane-wise its operations in its order: j = trunc(α·INV_STEP), r = α − j·STEP, the Taylor
 * series, the addition theorem with the table's (cos, sin)(j·STEP) pair). Angles outside [0, 2π]
 * (NaN included) are read as 0 and listed in fb for the caller's Math.cos/Math.sin, as fillCosSin.
 */
export function trigBody(at: Record<string, number>, T: { step: number; invStep: number }): { locals: number[]; body: Code } {
  const Lc = new Locals(1);
  // v128 constants in locals loaded before the loop (stackPassAsm.ts hoisted)
  const code = hoisted(Lc, () => {
    const N = 0;
    const ev = Lc.add(I32), nfb = Lc.add(I32), ja = Lc.add(I32), jb = Lc.add(I32);
    const x = Lc.add(V128), m = Lc.add(V128), jv = Lc.add(V128), r = Lc.add(V128), r2 = Lc.add(V128), cr = Lc.add(V128), sr = Lc.add(V128);
    const ta = Lc.add(V128), tb = Lc.add(V128), tc = Lc.add(V128), ts = Lc.add(V128);
    const k = (c: number) => v.c(c, c);
    const S3 = 1 / 6, S5 = 1 / 120, S7 = 1 / 5040, C2 = 1 / 2, C4 = 1 / 24, C6 = 1 / 720;
    // f64x2 lane shuffles: (a0, b0) and (a1, b1)
    const pick = (ka: number, kb: number) => [...Array.from({ length: 8 }, (_, q) => 8 * ka + q), ...Array.from({ length: 8 }, (_, q) => 16 + 8 * kb + q)];
    const shuf = (a: Code, b: Code, ka: number, kb: number): Code => [...a, ...b, ...simd(0x0d, ...pick(ka, kb))];
    const push = (e: Code): Code => [...i.store(addr(at.fb, get(nfb), 4), e), ...lset(nfb, i.add(get(nfb), i.c(1)))];
    const body: Code = [
      ...lset(ev, i.c(0)),
      0x02, 0x40, 0x03, 0x40,
      ...i.geS(get(ev), get(N)), 0x0d, 1,
      ...lset(x, v.load(addr(at.ra, get(ev), 8))),
      ...lset(m, v.and(v.ge(get(x), k(0)), [...get(x), ...k(2 * Math.PI), ...simd(0x4b)])),
      // out of range: listed (lanes < n), read as 0 here
      ...ifs(i.eqz([...get(m), ...simd(0xc3)]), [
        ...ifs(i.eqz(v.ilane(get(m), 0)), push(get(ev))),
        ...ifs(i.and(i.eqz(v.ilane(get(m), 2)), i.ltS(i.add(get(ev), i.c(1)), get(N))), push(i.add(get(ev), i.c(1)))),
        ...lset(x, v.and(get(x), get(m))),
      ]),
      ...lset(jv, v.truncSat(v.mul(get(x), k(T.invStep)))),
      ...lset(r, v.sub(get(x), v.mul([...get(jv), ...simd(0xfe)], k(T.step)))),
      ...lset(r2, v.mul(get(r), get(r))),
      ...lset(cr, v.sub(k(1), v.mul(get(r2), v.sub(k(C2), v.mul(get(r2), v.sub(k(C4), v.mul(get(r2), k(C6)))))))),
      ...lset(sr, v.mul(get(r), v.sub(k(1), v.mul(get(r2), v.sub(k(S3), v.mul(get(r2), v.sub(k(S5), v.mul(get(r2), k(S7))))))))),
      ...lset(ja, v.ilane(get(jv), 0)), ...lset(jb, v.ilane(get(jv), 1)),
      ...lset(ta, v.load(addr(at.tcs, get(ja), 16))), ...lset(tb, v.load(addr(at.tcs, get(jb), 16))),
      ...lset(tc, shuf(get(ta), get(tb), 0, 0)), ...lset(ts, shuf(get(ta), get(tb), 1, 1)),
      ...v.store(addr(at.ca, get(ev), 8), v.sub(v.mul(get(tc), get(cr)), v.mul(get(ts), get(sr)))),
      ...v.store(addr(at.sa, get(ev), 8), v.add(v.mul(get(ts), get(cr)), v.mul(get(tc), get(sr)))),
      ...lset(ev, i.add(get(ev), i.c(2))),
      0x0c, 0, 0x0b, 0x0b,
      ...get(nfb),
    ];
    return body;
  });
  return { locals: Lc.types, body: code };
}

/** The per-source Gaussian S̃ tables (STildeTable.layout(), all on one grid) and the sources' declinations. */
export interface GaussSpec {
  dec: Float64Array;
  nU: number; nT: number; u0: number; t0: number; invHu: number; invHt: number;
}

/**
 * `gs(n)`: S̃ after the jitter of the Gaussian-PDF events gl[0 … n): stack.ts gaussStilde operation for
 * operation (sources beyond the reach skipped; STildeTable.at: the bicubic read of ln S̃ at
 * u = (δ − δs)/σ, ln σ, then fastExp (lane 0 of vexp: the tables' logs are checked within ±600 at
 * set-up); st_j += B_jk S̃_k in source order). An event with any source off its table or within 3σ of
 * a pole (STildeTable.at's exact branch) is listed in fb for the caller's gaussStilde.
 */
export function gaussBody(sp: StackPassSpec, g: GaussSpec, at: Record<string, number>): { locals: number[]; body: Code } {
  const J = sp.J, K = g.dec.length;
  const Lc = new Locals(1);
  // v128 constants in locals loaded before the loop (stackPassAsm.ts hoisted)
  const code = hoisted(Lc, () => {
    const N = 0;
    const e = Lc.add(I32), ev = Lc.add(I32), nfb = Lc.add(I32), bad = Lc.add(I32), ost = Lc.add(I32), ix = Lc.add(I32), iy = Lc.add(I32), o = Lc.add(I32);
    const dec = Lc.add(F64), sig = Lc.add(F64), reach = Lc.add(F64), y = Lc.add(F64), x = Lc.add(F64), fx = Lc.add(F64), fy = Lc.add(F64), val = Lc.add(F64), okPole = Lc.add(I32);
    const wx = [Lc.add(F64), Lc.add(F64), Lc.add(F64), Lc.add(F64)], wy = [Lc.add(F64), Lc.add(F64), Lc.add(F64), Lc.add(F64)];
    const VL = { x: Lc.add(V128), nd: Lc.add(V128), r: Lc.add(V128), n: Lc.add(V128), n0: Lc.add(I32), n1: Lc.add(I32) };
    const stl = Array.from({ length: J }, () => Lc.add(F64));
    const SIXTH = 1 / 6;
    const w4 = (ws: number[], t: number): Code => {
      // bicubic's weights: a = t + 1, b = t − 1, c = t − 2 (products in its order)
      const a = f.add(get(t), f.c(1)), b = f.sub(get(t), f.c(1)), c = f.sub(get(t), f.c(2));
      return [
        ...lset(ws[0], f.mul(f.mul(f.mul(f.neg(get(t)), b), c), f.c(SIXTH))),
        ...lset(ws[1], f.mul(f.mul(f.mul(a, b), c), f.c(0.5))),
        ...lset(ws[2], f.mul(f.mul(f.mul(f.neg(a), get(t)), c), f.c(0.5))),
        ...lset(ws[3], f.mul(f.mul(f.mul(a, get(t)), b), f.c(SIXTH))),
      ];
    };
    const row = (r: number): Code => {
      const t = (q: number) => f.load(get(o), (r * g.nU + q) * 8);
      return f.add(f.add(f.add(f.mul(get(wx[0]), t(0)), f.mul(get(wx[1]), t(1))), f.mul(get(wx[2]), t(2))), f.mul(get(wx[3]), t(3)));
    };
    const perSource = (k: number): Code => {
      let s: Code = f.mul(get(wy[0]), row(0));
      for (let r = 1; r < 4; r++) s = f.add(s, f.mul(get(wy[r]), row(r)));
      // st_j += B_jk·S̃ in locals; a zero B_jk adds ±0 to st_j ≥ +0 (S̃ finite): left out, st_j unchanged
      const acc: Code = [];
      for (let j = 0; j < J; j++) if (sp.BT[k * J + j] !== 0) acc.push(...lset(stl[j], f.add(get(stl[j]), f.mul(f.c(sp.BT[k * J + j]), get(val)))));
      const inTable = i.and(i.and(f.ge(get(x), f.c(1)), i.ltS(i.add(get(ix), i.c(2)), i.c(g.nU))), i.and(f.ge(get(y), f.c(1)), i.ltS(i.add(get(iy), i.c(2)), i.c(g.nT))));
      return ifs(f.le(f.abs(f.sub(get(dec), f.c(g.dec[k]))), get(reach)), ifs(get(okPole), [
        // u = (δ − δs)/σ; x = (u − u0)/hu
        ...lset(ix, i.trunc(ltee(x, f.mul(f.sub(f.div(f.sub(get(dec), f.c(g.dec[k])), get(sig)), f.c(g.u0)), f.c(g.invHu))))),
        ...ifs(inTable, [
          ...lset(fx, f.sub(get(x), f.fromI(get(ix)))),
          ...w4(wx, fx),
          ...lset(o, i.add(i.c(at[`gt${k}`]), i.shl(i.add(i.mul(i.add(get(iy), i.c(-1)), i.c(g.nU)), i.add(get(ix), i.c(-1))), i.c(3)))),
          ...lset(val, v.lane(vexp(v.splat(s), VL), 0)),
          ...acc,
        ], lset(bad, i.c(1))),
      ], lset(bad, i.c(1))));
    };
    const per: Code = [];
    for (let k = 0; k < K; k++) per.push(...perSource(k));
    const zero: Code = [], store: Code = [];
    for (let j = 0; j < J; j++) zero.push(...lset(stl[j], f.c(0))), store.push(...f.store(get(ost), get(stl[j]), j * 8));
    const body: Code = [
      ...lset(e, i.c(0)),
      0x02, 0x40, 0x03, 0x40,
      ...i.geS(get(e), get(N)), 0x0d, 1,
      ...lset(ev, i.load(addr(at.gl, get(e), 4))),
      ...lset(ost, addr(at.st, i.mul(get(ev), i.c(J)), 8)),
      ...zero,
      ...lset(dec, f.load(addr(at.dec, get(ev), 8))),
      ...lset(sig, f.load(addr(at.sigma, get(ev), 8))),
      ...lset(reach, f.load(addr(at.reach, get(ev), 8))),
      ...lset(okPole, f.ge(f.load(addr(at.cosDec, get(ev), 8)), f.mul(f.c(3), get(sig)))),
      // y = (ln σ − t0)/ht (σ fixed per event); its weights
      ...lset(iy, i.trunc(ltee(y, f.mul(f.sub(f.load(addr(at.lnSig, get(ev), 8)), f.c(g.t0)), f.c(g.invHt))))),
      ...lset(fy, f.sub(get(y), f.fromI(get(iy)))),
      ...w4(wy, fy),
      ...lset(bad, i.c(0)),
      ...per,
      ...store,
      ...ifs(get(bad), [...i.store(addr(at.fb, get(nfb), 4), get(ev)), ...lset(nfb, i.add(get(nfb), i.c(1)))]),
      ...lset(e, i.add(get(e), i.c(1))),
      0x0c, 0, 0x0b, 0x0b,
      ...get(nfb),
    ];
    return body;
  });
  return { locals: Lc.types, body: code };
}
