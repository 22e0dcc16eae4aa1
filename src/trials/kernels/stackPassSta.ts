/**
 * Code generator of the stack kernel's WebAssembly pass `sta` (stackPassWasm.ts documents it): S̃ of
 * the vMF data events from the σ-band tables, two events per step where both are in their tables.
 */
import { get } from '../../wasm/encode.js';
import { addr, f, hoisted, i, ifs, lset, ltee, Locals, v, vexp, F64, I32, V128, type Code } from './stackPassAsm.js';
import type { StackPassSpec } from './stackPassWasm.js';

export function staBody(sp: StackPassSpec, at: Record<string, number>): { locals: number[]; body: Code } {
  const J = sp.J;
  const Lc = new Locals(2);
  // v128 constants in locals loaded before the loop (stackPassAsm.ts hoisted)
  const code = hoisted(Lc, () => {
    const I0 = 0, I1 = 1;
    const ev = Lc.add(I32), nfb = Lc.add(I32), eA = Lc.add(I32), eB = Lc.add(I32);
    const SIXTH = 1 / 6;
    // one event's locals; two events' lookups are interleaved stage by stage when both are in a table
    // e: the event (its δ, its st row); p: its position in the order list (band, rowAddr and σ weights are kept in that order)
    const ctx = (e: Code, p: Code) => ({
      e, p, bd: Lc.add(I32), iy: Lc.add(I32), bp: Lc.add(I32), stride: Lc.add(I32), ow: Lc.add(I32), ost: Lc.add(I32),
      dec: Lc.add(F64), mad: Lc.add(F64), y: Lc.add(F64), fy: Lc.add(F64), ay: Lc.add(F64), by: Lc.add(F64), cy: Lc.add(F64),
      o: [Lc.add(I32), Lc.add(I32), Lc.add(I32), Lc.add(I32)],
      wy: [Lc.add(F64), Lc.add(F64), Lc.add(F64), Lc.add(F64)],
      VL: { x: Lc.add(V128), nd: Lc.add(V128), r: Lc.add(V128), n: Lc.add(V128), n0: Lc.add(I32), n1: Lc.add(I32) },
      vw: { x: [Lc.add(V128), Lc.add(V128), Lc.add(V128), Lc.add(V128)], y: [Lc.add(V128), Lc.add(V128), Lc.add(V128), Lc.add(V128)] },
      res: Array.from({ length: Math.ceil(J / 2) }, () => Lc.add(V128)),
    });
    type Ctx = ReturnType<typeof ctx>;
    const A = ctx(get(eA), get(ev)), B = ctx(get(eB), i.add(get(ev), i.c(1)));
    // VmfSumTable.lnAtInto: band parameters, δ index; the table answers when |δ| ≤ maxAbsDec and δ is in its range
    const pre = (c: Ctx): Code => [
      ...lset(c.bd, i.load(addr(at.band, c.p, 4))),
      ...lset(c.bp, i.add(i.c(at.bandPar), i.shl(get(c.bd), i.c(5)))),
      ...lset(c.dec, f.load(addr(at.dec, c.e, 8))),
      ...lset(c.mad, f.load(get(c.bp), 24)),
      ...lset(c.iy, i.trunc(ltee(c.y, f.mul(f.sub(get(c.dec), f.load(get(c.bp), 0)), f.load(get(c.bp), 8))))),
    ];
    const inTable = (c: Ctx): Code => i.and(i.and(i.and(f.le(get(c.dec), get(c.mad)), f.ge(get(c.dec), f.neg(get(c.mad)))), f.ge(get(c.y), f.c(1))), i.ltS(i.add(get(c.iy), i.c(2)), i.load(get(c.bp), 16)));
    // δ weights, the σ weights precomputed per event, the 4 column addresses
    const weights = (c: Ctx): Code => {
      const { fy, ay, by, cy, wy, o } = c;
      const out: Code = [
        ...lset(fy, f.sub(get(c.y), f.fromI(get(c.iy)))),
        ...lset(ay, f.add(get(fy), f.c(1))), ...lset(by, f.sub(get(fy), f.c(1))), ...lset(cy, f.sub(get(fy), f.c(2))),
        ...lset(wy[0], f.mul(f.mul(f.mul(f.neg(get(fy)), get(by)), get(cy)), f.c(SIXTH))),
        ...lset(wy[1], f.mul(f.mul(f.mul(get(ay), get(by)), get(cy)), f.c(0.5))),
        ...lset(wy[2], f.mul(f.mul(f.mul(f.neg(get(ay)), get(fy)), get(cy)), f.c(0.5))),
        ...lset(wy[3], f.mul(f.mul(f.mul(get(ay), get(fy)), get(by)), f.c(SIXTH))),
        ...lset(c.ow, addr(at.wx, i.shl(c.p, i.c(2)), 8)),
        ...lset(c.stride, i.load(get(c.bp), 20)),
        // o0 = rowAddr + (iy − 1)·nT·J·8, then one column stride each
        ...lset(o[0], i.add(i.load(addr(at.rowAddr, c.p, 4)), i.mul(i.add(get(c.iy), i.c(-1)), get(c.stride)))),
        ...lset(o[1], i.add(get(o[0]), get(c.stride))), ...lset(o[2], i.add(get(o[1]), get(c.stride))), ...lset(o[3], i.add(get(o[2]), get(c.stride))),
      ];
      // the σ weights splatted straight from memory (v128.load64_splat)
      for (let k = 0; k < 4; k++) out.push(...lset(c.vw.x[k], v.load64splat(get(c.ow), 8 * k)), ...lset(c.vw.y[k], v.splat(get(wy[k]))));
      return out;
    };
    // components (j, j+1) in the lanes of a f64x2 (lane-wise the scalar arithmetic; an odd J's last load
    // reads the next node's first value into an unused lane): 4 δ columns, in each the 4 σ nodes n at n·J
    const comp = (c: Ctx, j: number): Code => {
      const row = (k: number) => {
        const t = (n: number) => v.load(get(c.o[k]), (n * J + j) * 8);
        return v.add(v.add(v.add(v.mul(get(c.vw.x[0]), t(0)), v.mul(get(c.vw.x[1]), t(1))), v.mul(get(c.vw.x[2]), t(2))), v.mul(get(c.vw.x[3]), t(3)));
      };
      let val = v.mul(get(c.vw.y[0]), row(0));
      for (let k = 1; k < 4; k++) val = v.add(val, v.mul(get(c.vw.y[k]), row(k)));
      return lset(c.res[j >> 1], vexp(val, c.VL));
    };
    // an odd J's last component of two events in one f64x2 (lane 0: A, lane 1: B; each lane A's or B's
    // scalar arithmetic): the table values and σ weights by load64_zero + load64_lane, the δ weights by replace_lane
    const pw = { x: [0, 1, 2, 3].map(() => Lc.add(V128)), y: [0, 1, 2, 3].map(() => Lc.add(V128)) }, resAB = Lc.add(V128);
    const lastAB = (): Code => {
      const j = J - 1, out: Code = [];
      const pair = (a: Code, b: Code, off: number) => v.load64lane(b, v.load64zero(a, off), 1, off);
      for (let n = 0; n < 4; n++) out.push(...lset(pw.x[n], pair(get(A.ow), get(B.ow), 8 * n)), ...lset(pw.y[n], v.setLane(v.splat(get(A.wy[n])), get(B.wy[n]), 1)));
      const row = (k: number) => {
        const t = (n: number) => pair(get(A.o[k]), get(B.o[k]), (n * J + j) * 8);
        return v.add(v.add(v.add(v.mul(get(pw.x[0]), t(0)), v.mul(get(pw.x[1]), t(1))), v.mul(get(pw.x[2]), t(2))), v.mul(get(pw.x[3]), t(3)));
      };
      let val = v.mul(get(pw.y[0]), row(0));
      for (let k = 1; k < 4; k++) val = v.add(val, v.mul(get(pw.y[k]), row(k)));
      return [...out, ...lset(resAB, vexp(val, A.VL))];
    };
    // packedLane: the odd J's last component is lane packedLane of resAB (−1: of the event's own res)
    const store = (c: Ctx, packedLane = -1): Code => {
      const out: Code = [...lset(c.ost, addr(at.st, i.mul(c.e, i.c(J)), 8))];
      for (let j = 0; j < J; j += 2) {
        if (j + 1 < J) out.push(...v.store(get(c.ost), get(c.res[j >> 1]), j * 8));
        else out.push(...f.store(get(c.ost), packedLane < 0 ? v.lane(get(c.res[j >> 1]), 0) : v.lane(get(resAB), packedLane), j * 8));
      }
      return out;
    };
    const lookup = (c: Ctx): Code => {
      const out = weights(c);
      for (let j = 0; j < J; j += 2) out.push(...comp(c, j));
      return [...out, ...store(c)];
    };
    const fallback = (c: Ctx): Code => [...i.store(addr(at.fb, get(nfb), 4), c.e), ...lset(nfb, i.add(get(nfb), i.c(1)))];
    const one = (c: Ctx): Code => [...pre(c), ...ifs(inTable(c), lookup(c), fallback(c))];
    const both: Code = [...weights(A), ...weights(B)];
    // A's components, then B's: the two comps of one event are independent chains as well, and only one event's
    // 8 weight vectors are live at a time (fewer spills); each value's operations unchanged
    for (const c of [A, B]) for (let j = 0; j + 1 < J; j += 2) both.push(...comp(c, j));
    if (J % 2 === 1) both.push(...lastAB(), ...store(A, 0), ...store(B, 1));
    else both.push(...store(A), ...store(B));
    const pairPath: Code = [
      ...pre(A), ...pre(B),
      // both in their tables: interleaved; else one after the other
      ...ifs(i.and(inTable(A), inTable(B)), both, [...ifs(inTable(A), lookup(A), fallback(A)), ...ifs(inTable(B), lookup(B), fallback(B))]),
    ];
    // positions [i0, i1) of the order list (vMF events with a band table, by band then declination)
    const body: Code = [
      ...lset(ev, get(I0)),
      0x02, 0x40, 0x03, 0x40,
      ...i.geS(get(ev), get(I1)), 0x0d, 1,
      ...lset(eA, i.load(addr(at.order, get(ev), 4))),
      ...ifs(i.ltS(i.add(get(ev), i.c(1)), get(I1)),
        [...lset(eB, i.load(addr(at.order, i.add(get(ev), i.c(1)), 4))), ...pairPath, ...lset(ev, i.add(get(ev), i.c(2)))],
        [...one(A), ...lset(ev, i.add(get(ev), i.c(1)))]),
      0x0c, 0, 0x0b, 0x0b,
      ...get(nfb),
    ];
    return body;
  });
  return { locals: Lc.types, body: code };
}
