/**
 * Code generator of the stack kernel's `fitsums(nOcc, nEx)` (a function of its WebAssembly module,
 * stackPassWasm.ts): MultiSeriesFit.prepare's sums for one γ, twin of its JS loops bit for bit.
 * The caller (MultiSeriesFit) has put c_j, the pair and triple coefficients cc2, cc3 and the bins'
 * S/B r_b into the module's memory; this sums, over the bins occ[0 … nOcc),
 *   c1 += r_b·Σ_j c_j m_bj,  c2 += r_b·r_b·Σ_p cc2_p m_bp,  c3 += r_b·r_b·r_b·Σ_t cc3_t m_bt
 * (each Σ from +0, terms in MultiSeriesFit's order) into fsum[0 … 3), and x_e = (Σ_j c_j exZ[e·J + j])·r[exB[e]]
 * for the nEx exact events into fx. Why: in JS these loops (~40 µs per γ, 14 γ per fit) reload
 * typed-array bases and lengths; here they are unrolled over J, pairs and triples.
 */
import { get } from '../../wasm/encode.js';
import { addr, f, i, lset, Locals, F64, I32, type Code } from './stackPassAsm.js';

export function fitSumsBody(J: number, at: Record<string, number>): { locals: number[]; body: Code } {
  const P = (J * (J + 1)) / 2, T = (J * (J + 1) * (J + 2)) / 6, S = J + P + T;
  const Lc = new Locals(2);
  const NOCC = 0, NEX = 1;
  const u = Lc.add(I32), q = Lc.add(I32), e = Lc.add(I32), o = Lc.add(I32);
  const rb = Lc.add(F64), s1 = Lc.add(F64), s2 = Lc.add(F64), s3 = Lc.add(F64), c1 = Lc.add(F64), c2 = Lc.add(F64), c3 = Lc.add(F64), y = Lc.add(F64);
  // the γ's coefficients in locals, read once
  const cl = Array.from({ length: S }, () => Lc.add(F64));
  const body: Code = [];
  for (let j = 0; j < J; j++) body.push(...lset(cl[j], f.load(i.c(at.fc + 8 * j))));
  for (let p = 0; p < P; p++) body.push(...lset(cl[J + p], f.load(i.c(at.fcc2 + 8 * p))));
  for (let t = 0; t < T; t++) body.push(...lset(cl[J + P + t], f.load(i.c(at.fcc3 + 8 * t))));
  // s = ((+0 + k_0·m_0) + k_1·m_1) + … over the coefficients [from, to) of the block at q
  const dot = (from: number, to: number): Code => {
    let acc: Code = f.c(0);
    for (let k = from; k < to; k++) acc = f.add(acc, f.mul(get(cl[k]), f.load(get(q), 8 * k)));
    return acc;
  };
  const loop = (cnt: number, idx: number, step: Code): Code => [
    ...lset(idx, i.c(0)),
    0x02, 0x40, 0x03, 0x40,
    ...i.geS(get(idx), get(cnt)), 0x0d, 1,
    ...step,
    ...lset(idx, i.add(get(idx), i.c(1))),
    0x0c, 0, 0x0b, 0x0b,
  ];
  body.push(...loop(NOCC, u, [
    ...lset(q, i.load(addr(at.focc, get(u), 4))),
    ...lset(rb, f.load(addr(at.fr, get(q), 8))),
    ...lset(q, i.add(i.c(at.m), i.mul(get(q), i.c(S * 8)))),
    ...lset(s1, dot(0, J)), ...lset(s2, dot(J, J + P)), ...lset(s3, dot(J + P, S)),
    ...lset(c1, f.add(get(c1), f.mul(get(rb), get(s1)))),
    ...lset(c2, f.add(get(c2), f.mul(f.mul(get(rb), get(rb)), get(s2)))),
    ...lset(c3, f.add(get(c3), f.mul(f.mul(f.mul(get(rb), get(rb)), get(rb)), get(s3)))),
  ]));
  // x_e = (+0 + c_0·z_0 + …)·r[exB[e]], o = exZ's byte address of event e
  let ys: Code = f.c(0);
  for (let j = 0; j < J; j++) ys = f.add(ys, f.mul(get(cl[j]), f.load(get(o), 8 * j)));
  body.push(
    ...lset(o, i.c(at.fexZ)),
    ...loop(NEX, e, [
      ...lset(y, ys),
      ...f.store(addr(at.fx, get(e), 8), f.mul(get(y), f.load(addr(at.fr, i.load(addr(at.fexB, get(e), 4)), 8)))),
      ...lset(o, i.add(get(o), i.c(8 * J))),
    ]),
    ...f.store(i.c(at.fsum), get(c1)), ...f.store(i.c(at.fsum + 8), get(c2)), ...f.store(i.c(at.fsum + 16), get(c3)),
    ...i.c(0),
  );
  return { locals: Lc.types, body };
}
